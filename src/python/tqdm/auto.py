"""`from tqdm.auto import tqdm` picks the plain bar, as on a console."""

from . import tqdm, trange

__all__ = ['tqdm', 'trange']

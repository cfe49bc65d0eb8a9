# Download flag images concurrently: an asyncio.Semaphore caps the requests in flight and
# asyncio.as_completed reports each download as soon as it finishes (the shape of the classic
# flag-download examples, with aiohttp).
import asyncio
import collections
import os
import time
from enum import Enum

import aiohttp

BASE_URL = 'http://flags.example.com/data/flags'
COUNTRIES = 'CN IN US ID BR PK NG BD RU JP MX PH VN ET EG DE IR TR CD FR'.split()
MAX_CONCURRENT = 5
DEST_DIR = 'downloaded'

Status = Enum('Status', 'ok not_found error')


class FetchError(Exception):
    def __init__(self, country_code):
        self.country_code = country_code


def save_flag(img, filename):
    os.makedirs(DEST_DIR, exist_ok=True)
    with open(os.path.join(DEST_DIR, filename), 'wb') as fp:
        fp.write(img)


async def get_flag(session, cc):
    url = '{}/{cc}/{cc}.gif'.format(BASE_URL, cc=cc.lower())
    async with session.get(url) as resp:
        if resp.status == 200:
            return await resp.read()
        resp.raise_for_status()


async def download_one(session, cc, semaphore):
    try:
        async with semaphore:
            image = await get_flag(session, cc)
    except aiohttp.ClientResponseError as exc:
        if exc.status == 404:
            status = Status.not_found
        else:
            raise FetchError(cc) from exc
    else:
        save_flag(image, cc.lower() + '.gif')
        status = Status.ok
    print(cc, status.name)
    return status


async def download_many(cc_list):
    semaphore = asyncio.Semaphore(MAX_CONCURRENT)
    counter = collections.Counter()
    async with aiohttp.ClientSession() as session:
        to_do = [download_one(session, cc, semaphore) for cc in sorted(cc_list)]
        for future in asyncio.as_completed(to_do):
            try:
                status = await future
            except FetchError as exc:
                print('*** Error for {}'.format(exc.country_code))
                status = Status.error
            counter[status] += 1
    return counter


def main():
    t0 = time.perf_counter()
    counter = asyncio.run(download_many(COUNTRIES))
    elapsed = time.perf_counter() - t0
    print('{} flags downloaded in {:.2f}s'.format(counter[Status.ok], elapsed))
    print(len(os.listdir(DEST_DIR)), 'files saved')


main()

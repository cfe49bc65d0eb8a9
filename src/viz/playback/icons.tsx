/** Inline icons for the transport buttons: no icon font to load, crisp at any zoom. */
import type { ReactNode } from 'react';

function Svg({ children }: { children: ReactNode }) {
  return (
    <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      {children}
    </svg>
  );
}

export const IconStart = () => (
  <Svg>
    <path d="M3 3h1.6v10H3zM13 3v10L5.6 8z" fill="currentColor" />
  </Svg>
);
export const IconEnd = () => (
  <Svg>
    <path d="M11.4 3H13v10h-1.6zM3 3v10l7.4-5z" fill="currentColor" />
  </Svg>
);
export const IconBack = () => (
  <Svg>
    <path d="M12 3v10L5 8z" fill="currentColor" />
    <path d="M3 3h1.6v10H3z" fill="currentColor" opacity=".55" />
  </Svg>
);
export const IconForward = () => (
  <Svg>
    <path d="M4 3v10l7-5z" fill="currentColor" />
    <path d="M11.4 3H13v10h-1.6z" fill="currentColor" opacity=".55" />
  </Svg>
);
export const IconPlay = () => (
  <Svg>
    <path d="M4 2.5v11L13 8z" fill="currentColor" />
  </Svg>
);
export const IconPause = () => (
  <Svg>
    <path d="M4 3h3v10H4zM9 3h3v10H9z" fill="currentColor" />
  </Svg>
);

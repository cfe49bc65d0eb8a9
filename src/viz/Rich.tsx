/**
 * Text from the trace model marks code with backticks ("Lock `db`", "user callback `stage2`");
 * show those parts as code instead of raw backticks.
 */
export function Rich({ text }: { text: string }) {
  const parts = text.split('`');
  if (parts.length < 3) return <>{text}</>;
  return (
    <>
      {parts.map((p, i) =>
        // Odd parts sit between a pair of backticks; an unpaired last one stays literal.
        i % 2 === 1 && i < parts.length - 1 ? (
          <code key={i} className="ls-code">
            {p}
          </code>
        ) : (
          <span key={i}>{i % 2 === 1 ? `\`${p}` : p}</span>
        ),
      )}
    </>
  );
}

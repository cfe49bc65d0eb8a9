/** The program the page opens with: short, concurrent, and it shows time passing. */
export const DEFAULT_EXAMPLE = `import asyncio


async def brew(name: str, seconds: float) -> str:
    print(f"{name}: started")
    await asyncio.sleep(seconds)
    print(f"{name}: ready after {seconds} s")
    return name


async def main() -> None:
    # Three tasks share one event loop: while one sleeps, the others run.
    results = await asyncio.gather(
        brew("tea", 0.3),
        brew("coffee", 0.2),
        brew("cocoa", 0.1),
    )
    print("served in order of request:", results)


asyncio.run(main())
`;

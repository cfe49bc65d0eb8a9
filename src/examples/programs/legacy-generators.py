import asyncio


@asyncio.coroutine
def fetch_page(url):
    print("fetching", url)
    yield from asyncio.sleep(0.2)
    return "<html>" + url + "</html>"


@asyncio.coroutine
def crawl(urls):
    pages = []
    for url in urls:
        page = yield from fetch_page(url)
        pages.append(page)
    return pages


loop = asyncio.get_event_loop()
task = asyncio.async(crawl(["/home", "/about"]))
pages = loop.run_until_complete(task)
print(len(pages), "pages:", pages)
loop.close()

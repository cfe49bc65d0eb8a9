# A loop.add_signal_handler callback does not run when the signal arrives. The C signal
# handler writes the signal's number to the loop's self-pipe; at the loop's next iteration
# the pipe is readable and its reader joins the ready queue after the callbacks already there;
# the reader schedules the handler (call_soon_threadsafe), which runs one iteration later.
# So a task that yields at every step gets three steps in before the handler.
import asyncio
import os
import signal


async def stepper(name, steps):
    for i in range(steps):
        print(f"{name} step {i}")
        await asyncio.sleep(0)


async def send(*signums):
    for signum in signums:
        os.kill(os.getpid(), signum)
    print("sent", len(signums))


async def main():
    loop = asyncio.get_running_loop()
    loop.add_signal_handler(signal.SIGUSR1, print, "handler USR1")
    loop.add_signal_handler(signal.SIGUSR2, print, "handler USR2")

    print("-- one signal")
    await asyncio.gather(send(signal.SIGUSR1), stepper("other", 5))

    print("-- two signals, three sends: read together, handlers in arrival order")
    await asyncio.gather(
        send(signal.SIGUSR2, signal.SIGUSR1, signal.SIGUSR2), stepper("other", 5)
    )

    print("-- sent from a callback")
    loop.call_soon(os.kill, os.getpid(), signal.SIGUSR1)
    loop.call_soon(print, "callback after the kill")
    await stepper("main", 4)

    print("-- a handler that sends again")
    def again():
        print("handler again, sends USR1")
        loop.remove_signal_handler(signal.SIGUSR2)
        os.kill(os.getpid(), signal.SIGUSR1)

    loop.add_signal_handler(signal.SIGUSR2, again)
    await asyncio.gather(send(signal.SIGUSR2), stepper("other", 7))


loop = asyncio.new_event_loop()
loop.add_signal_handler(signal.SIGUSR1, print, "handler before the loop ran")
os.kill(os.getpid(), signal.SIGUSR1)
print("sent before the loop ran")
loop.run_until_complete(stepper("first", 3))
loop.remove_signal_handler(signal.SIGUSR1)
loop.close()
asyncio.run(main())

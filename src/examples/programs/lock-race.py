import asyncio


class Account:
    def __init__(self):
        self.balance = 100
        self.paid_out = 0


class NoLock:
    async def __aenter__(self):
        return self

    async def __aexit__(self, *exc_info):
        return False


async def withdraw(account, who, amount, lock):
    async with lock:
        seen = account.balance
        await asyncio.sleep(0.1)  # ask the bank for approval
        if seen >= amount:
            account.balance = seen - amount
            account.paid_out += amount
            print(f"  {who} took {amount}")
        else:
            print(f"  {who}: not enough money")


async def main():
    for lock in (NoLock(), asyncio.Lock()):
        print(type(lock).__name__)
        account = Account()
        await asyncio.gather(
            withdraw(account, "alice", 80, lock),
            withdraw(account, "bob", 80, lock),
        )
        print(f"  paid out {account.paid_out} from an account of 100")


asyncio.run(main())

# time.sleep takes a float or an int-like and says so otherwise, as the C function does; it shows
# itself as the built-in it stands for.
import time, decimal, fractions
for v in ["x", None, decimal.Decimal("0.01"), fractions.Fraction(1, 100), True, float("nan")]:
    try:
        time.sleep(v); print("ok", repr(v))
    except Exception as e: print(type(e).__name__, e)
try: time.sleep(-1)
except Exception as e: print(type(e).__name__, e)
try: time.sleep()
except Exception as e: print(type(e).__name__, e)
print(time.sleep, time.sleep.__name__)

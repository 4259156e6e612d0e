"""A subprocess that writes a store for the lock and crash tests.

Usage: store_writer.py STORE hold          take the write lock, print "locked PID", wait for stdin to close
       store_writer.py STORE churn SEED    add, update and delete referrals forever, acknowledging each
                                           write on stdout only after it returned:
                                             add ID GIVER RECEIVER NOTE / upd ID NOTE / del ID
"""

from __future__ import annotations

import os
import random
import sys
from pathlib import Path
from typing import TextIO

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from netevent.domain.models import Attendee, Event, Referral
from netevent.store.repository import Store

PEOPLE = ["Zoë Åberg", "Sarah Patel", "Chloé Lefèvre", "Tomasz Nowak", "Ciarán Ó Briain"]


def hold(path: Path) -> None:
    store = Store(path)
    print(f"locked {os.getpid()}", flush=True)
    sys.stdin.read()
    store.close()


def churn(path: Path, seed: int, out: TextIO = sys.stdout) -> None:
    """Write forever; the crash test forks this so that each of its many writers starts in milliseconds."""
    rng = random.Random(seed)
    store = Store(path)
    if not store.initialised:
        store.load_event(Event(title="Crash test", attendees=[Attendee(name=n) for n in PEOPLE]))
    print(f"ready {len(store.referrals())}", file=out, flush=True)
    live = [r.id for r in store.referrals()]
    n = 0
    while True:
        n += 1
        roll = rng.random()
        if live and roll < 0.25:  # deletes make the file shrink, which is what broke in-place writes
            victim = live.pop(rng.randrange(len(live)))
            store.delete_referral(victim)
            print(f"del {victim}", file=out, flush=True)
        elif live and roll < 0.4:
            target = store.referrals()[rng.randrange(len(live))]
            target.note = f"edited-{seed}-{n}"
            store.update_referral(target)
            print(f"upd {target.id} {target.note}", file=out, flush=True)
        else:
            giver, receiver = rng.sample(range(len(PEOPLE)), 2)
            note = f"n{seed}-{n}-" + "x" * rng.randrange(0, 300)  # varied sizes
            stored = store.add_referral(Referral(giver=PEOPLE[giver], receiver=PEOPLE[receiver], note=note))
            live.append(stored.id)
            print(f"add {stored.id} {giver} {receiver} {note}", file=out, flush=True)


if __name__ == "__main__":
    store_path, mode = Path(sys.argv[1]), sys.argv[2]
    if mode == "hold":
        hold(store_path)
    else:
        churn(store_path, int(sys.argv[3]))

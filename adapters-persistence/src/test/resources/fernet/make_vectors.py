#!/usr/bin/env python3
"""Writes vectors.json: Fernet tokens made by Python's `cryptography`, as the original system made them.

FernetCredentialCipher must keep reading the credentials the original (Python) deployment stored, so
these are tokens of plain UTF-8 secrets, without the tenant envelope. The Java tests read the
committed vectors.json; CI never runs this script.

Regenerate (any `cryptography` >= 3.0 works; Debian's python3-cryptography does):

    /usr/bin/python3 make_vectors.py > vectors.json

Each vector: `keys` (the keys the reader holds, newest first, as a MultiFernet would), `plaintext`,
`token`, `timestamp` (seconds in the token), and `how` it was made.
"""

import base64
import json
import os
import sys

import cryptography
from cryptography.fernet import Fernet, MultiFernet

PLAINTEXTS = [
    "sk-live-4f9c2a7e1b",
    "ghp_s3cr3t-t0ken-value",
    "x",  # one byte: the shortest credential, one AES block after padding
    "exactly-16-bytes",  # a whole block: PKCS7 adds a full block of padding
    "p\u00e4ssw\u00f6rd-\u00df-\u20ac",  # Latin-1 range and the euro sign: 2- and 3-byte UTF-8
    "\u6771\u4eac\u90fd\u306e\u30d1\u30b9\u30ef\u30fc\u30c9",  # CJK
    "emoji \U0001f511\U0001f510 key",  # 4-byte UTF-8 (surrogate pairs in Java)
    '{"type": "service_account", "private_key": "-----BEGIN PRIVATE KEY-----\\nMIIE\\n"}',
    "line one\nline two\ttab",
    "a" * 1000,  # many blocks
]


def key_from_seed(seed: int) -> bytes:
    # Deterministic keys keep the committed file stable in review; they protect nothing.
    raw = bytes((seed * 37 + i * 11) % 256 for i in range(32))
    return base64.urlsafe_b64encode(raw)


def text(b: bytes) -> str:
    return b.decode("ascii")


def main() -> None:
    old, middle, new = key_from_seed(1), key_from_seed(2), key_from_seed(3)
    random_key = Fernet.generate_key()
    vectors = []

    def add(how, keys, plaintext, token):
        timestamp = Fernet._get_unverified_token_data(token)[0]
        # Proves the vector before it is written: the reader's MultiFernet opens it.
        assert MultiFernet([Fernet(k) for k in keys]).decrypt(token).decode("utf-8") == plaintext
        vectors.append(
            {
                "how": how,
                "keys": [text(k) for k in keys],
                "plaintext": plaintext,
                "token": text(token),
                "timestamp": timestamp,
            }
        )

    for p in PLAINTEXTS:
        data = p.encode("utf-8")
        add("Fernet(key).encrypt", [old], p, Fernet(old).encrypt(data))
        add("Fernet(random key).encrypt", [random_key], p, Fernet(random_key).encrypt(data))

    multi_before = MultiFernet([Fernet(middle), Fernet(old)])
    multi_after = MultiFernet([Fernet(new), Fernet(middle), Fernet(old)])
    for p in PLAINTEXTS[:7]:
        data = p.encode("utf-8")
        written_by_old = Fernet(old).encrypt(data)
        # A token of the oldest key, read by a reader that rotated twice since.
        add("Fernet(old).encrypt, read after two rotations", [new, middle, old], p, written_by_old)
        add("MultiFernet([middle, old]).encrypt", [middle, old], p, multi_before.encrypt(data))
        add(
            "MultiFernet([new, middle, old]).rotate(Fernet(old) token)",
            [new, middle, old],
            p,
            multi_after.rotate(written_by_old),
        )
        # rotate() keeps the original timestamp; only the newest key must open the result.
        add(
            "MultiFernet.rotate, read with the newest key only",
            [new],
            p,
            multi_after.rotate(multi_before.encrypt(data)),
        )

    # Decrypting stored credentials checks no TTL: tokens from 1970 and from 2100 are readable.
    for when in (0, 1, 499162800, 4102444800, 2**40):
        p = "stamped-%d" % when
        add("Fernet.encrypt_at_time(%d)" % when, [old], p, Fernet(old).encrypt_at_time(p.encode(), when))

    json.dump(
        {
            "generator": "make_vectors.py with Python %s, cryptography %s"
            % (sys.version.split()[0], cryptography.__version__),
            "vectors": vectors,
        },
        sys.stdout,
        indent=1,
        ensure_ascii=True,
    )
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()

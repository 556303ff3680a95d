"""A tiny SMTP sink for make prod-check: accepts every message and stores it as a .eml file.

    python -m tests.smoke.smtp_sink --port 2525 --folder /tmp/mail [--port-file /tmp/mail/port]

Speaks just enough SMTP (RFC 5321) for Django's SMTP backend and smtplib: EHLO/HELO, MAIL, RCPT,
DATA (with dot-unstuffing), RSET, NOOP, QUIT. No TLS, no AUTH: it listens on 127.0.0.1 only.
(Python 3.12 no longer ships the smtpd module.)
"""

import argparse
import asyncio
import contextlib
import itertools
import os
from pathlib import Path

_counter = itertools.count(1)


def store_message(folder: Path, data: bytes) -> Path:
    """Write one message atomically (readers never see half a file); names sort in arrival order."""
    name = f"{next(_counter):06d}-{os.getpid()}"
    partial = folder / f".{name}.tmp"
    partial.write_bytes(data)
    final = folder / f"{name}.eml"
    partial.rename(final)
    return final


async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, folder: Path) -> None:
    async def reply(line: str) -> None:
        writer.write(line.encode() + b"\r\n")
        await writer.drain()

    await reply("220 canopy-smtp-sink ready")
    recipients: list[str] = []
    sender = None
    try:
        while line := await reader.readline():
            command = line.decode("utf-8", "replace").strip()
            verb = command[:4].upper()
            if verb == "EHLO":
                await reply("250-canopy-smtp-sink")
                await reply("250-8BITMIME")
                await reply("250 SMTPUTF8")
            elif verb == "HELO":
                await reply("250 canopy-smtp-sink")
            elif verb == "MAIL":
                sender, recipients = command[10:].strip(), []
                await reply("250 OK")
            elif verb == "RCPT":
                if sender is None:
                    await reply("503 MAIL first")
                    continue
                recipients.append(command[8:].strip())
                await reply("250 OK")
            elif verb == "DATA":
                if not recipients:
                    await reply("503 RCPT first")
                    continue
                await reply("354 End data with <CR><LF>.<CR><LF>")
                lines = []
                while True:
                    data_line = await reader.readline()
                    if not data_line or data_line in (b".\r\n", b".\n"):
                        break
                    lines.append(data_line[1:] if data_line.startswith(b"..") else data_line)
                store_message(folder, b"".join(lines))
                sender, recipients = None, []
                await reply("250 OK stored")
            elif verb == "RSET":
                sender, recipients = None, []
                await reply("250 OK")
            elif verb == "NOOP":
                await reply("250 OK")
            elif verb == "QUIT":
                await reply("221 Bye")
                break
            else:
                await reply("502 Command not implemented")
    finally:
        writer.close()


async def serve(port: int, folder: Path, port_file: Path | None) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    server = await asyncio.start_server(lambda r, w: handle(r, w, folder), "127.0.0.1", port)
    bound = server.sockets[0].getsockname()[1]
    if port_file:
        port_file.write_text(str(bound))
    async with server:
        await server.serve_forever()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port (see --port-file)")
    parser.add_argument("--folder", type=Path, required=True)
    parser.add_argument("--port-file", type=Path)
    args = parser.parse_args()
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(serve(args.port, args.folder, args.port_file))


if __name__ == "__main__":
    main()

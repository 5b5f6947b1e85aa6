#!/usr/bin/python3
"""A local SMTP server for tests (aiosmtpd), on 127.0.0.1 and a free port.

Writes the port it listens on to PORT_FILE, then saves every message it
accepts as a folder DIR/N (N = 1, 2, ...; each folder appears whole):
  envelope.txt  "MAIL FROM: a" and one "RCPT TO: b" line per recipient
  message.eml   the message as received
  subject.txt   the decoded Subject header
  parts.txt     one line per leaf MIME part: FILE, content type,
                "attachment" or "body", and the attachment's file name,
                separated by tabs
  part-K        each leaf part's decoded content
Runs until SIGTERM or SIGINT.
"""
import argparse
import asyncio
import email
import email.policy
import pathlib
import signal

from aiosmtpd.smtp import SMTP


class SaveMessages:
    def __init__(self, folder):
        self.folder = folder
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        staging = self.folder / f".{self.count}.partial"
        staging.mkdir()
        lines = [f"MAIL FROM: {envelope.mail_from}\n"]
        lines += [f"RCPT TO: {rcpt}\n" for rcpt in envelope.rcpt_tos]
        (staging / "envelope.txt").write_text("".join(lines))
        (staging / "message.eml").write_bytes(envelope.content)
        message = email.message_from_bytes(envelope.content,
                                           policy=email.policy.default)
        (staging / "subject.txt").write_text(str(message["subject"]))
        index = []
        for k, part in enumerate(message.walk()):
            if part.is_multipart():
                continue
            name = f"part-{k}"
            (staging / name).write_bytes(part.get_payload(decode=True))
            kind = ("attachment"
                    if part.get_content_disposition() == "attachment" else
                    "body")
            index.append(f"{name}\t{part.get_content_type()}\t{kind}\t"
                         f"{part.get_filename() or ''}\n")
        (staging / "parts.txt").write_text("".join(index))
        staging.rename(self.folder / str(self.count))
        return "250 Message accepted for delivery"


async def serve(folder, port_file):
    loop = asyncio.get_running_loop()
    handler = SaveMessages(folder)
    server = await loop.create_server(
        lambda: SMTP(handler, hostname="teamload-test-sink"),
        host="127.0.0.1", port=0)
    port = server.sockets[0].getsockname()[1]
    staging = port_file.with_suffix(".partial")
    staging.write_text(f"{port}\n")
    staging.rename(port_file)
    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    await stop.wait()
    server.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", required=True, type=pathlib.Path)
    parser.add_argument("--port-file", required=True, type=pathlib.Path)
    args = parser.parse_args()
    args.dir.mkdir(parents=True, exist_ok=True)
    asyncio.run(serve(args.dir, args.port_file))


if __name__ == "__main__":
    main()

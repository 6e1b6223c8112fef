"""A real SMTP server for the mail tests: aiosmtpd on a free loopback port,
storing every mail it receives in a Maildir.

    python3 tests/support/smtp_sink.py MAILDIR

Prints the port on the first line of stdout once it accepts connections.
The operating system picks the port, so parallel tests never race for one.
"""

import asyncio
import sys

from aiosmtpd.handlers import Mailbox
from aiosmtpd.smtp import SMTP


async def main(maildir: str) -> None:
    handler = Mailbox(maildir)
    loop = asyncio.get_running_loop()
    server = await loop.create_server(lambda: SMTP(handler), "127.0.0.1", 0)
    print(server.sockets[0].getsockname()[1], flush=True)
    await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1]))

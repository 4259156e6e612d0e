"""Where phones on the room's Wi-Fi can reach this laptop: its LAN address and a port that is free."""

from __future__ import annotations

import ipaddress
import socket

from netevent.errors import UserError

LOOPBACK = "127.0.0.1"


class ServerError(UserError):
    """The summary server could not start (address not on this machine …); the message says what to do."""


def lan_address() -> str:
    """The first private, non-loopback IPv4 address of this machine, else 127.0.0.1 (no network)."""
    try:
        import ifaddr  # lazy: only needed when the server starts

        adapters = ifaddr.get_adapters()
    except Exception:  # a broken interface list must never stop the app
        return LOOPBACK
    for adapter in adapters:
        for ip in adapter.ips:
            if not isinstance(ip.ip, str):  # IPv6 entries are tuples
                continue
            try:
                address = ipaddress.IPv4Address(ip.ip)
            except ValueError:
                continue
            if address.is_private and not address.is_loopback and not address.is_link_local:
                return str(address)
    return LOOPBACK


def port_is_free(port: int, host: str = "") -> bool:
    """True when a TCP server could bind `port` on `host` right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        try:
            sock.bind((host, port))
        except OSError:
            return False
    return True


def free_port(preferred: int = 8765, host: str = "") -> int:
    """`preferred` if it is free, else a port the operating system picks."""
    if preferred and port_is_free(preferred, host):
        return preferred
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def port_holder(host: str, port: int, timeout: float = 1.0) -> str:
    """Who listens on host:port, as words for a message: another netevent says so in its Server header."""
    import http.client

    connection = http.client.HTTPConnection(host, port, timeout=timeout)
    try:
        connection.request("HEAD", "/")
        server = connection.getresponse().getheader("Server", "")
    except (OSError, http.client.HTTPException):
        return "another program"
    finally:
        connection.close()
    return "another netevent (its summary pages)" if server == "netevent" else "another program"

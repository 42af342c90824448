import type { Server } from 'node:http';

/**
 * A fake server never closes an idle keep-alive socket itself: the client
 * (fetch's pool, Node's agent) closes it after its own few seconds. With
 * Node's default (the server closes after 5 s), a busy machine lets a request
 * leave on a socket the server is closing that instant, and the test sees
 * "fetch failed" (UND_ERR_SOCKET: other side closed) instead of the API's
 * answer. Real APIs keep idle sockets far longer than clients do, so the race
 * belongs to the fakes, not to the code under test. close() still ends every
 * socket (closeAllConnections).
 */
export function keepIdleSocketsOpen(server: Server): void {
  server.keepAliveTimeout = 0;
}

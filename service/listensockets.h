#pragma once

#include <QString>

#include <string>
#include <vector>

namespace skydns::service {

// ListenSocket is a bound (UDP) or listening (TCP) socket descriptor, non-blocking, not yet owned
// by a Qt object. The worker that receives it hands it to QUdpSocket/QTcpServer, which then own it.
struct ListenSocket
{
    int fd = -1;
    bool tcp = false;
};

// openListenSockets opens `count` UDP and `count` TCP sockets on hostPort ("127.0.0.1:53",
// "[::1]:53") with SO_REUSEPORT so that each worker thread has its own pair and the kernel spreads
// datagrams and connections over them. IPv6 addresses get IPV6_V6ONLY. Like systemdSockets, it
// first raises the process's soft descriptor limit to its hard limit. Returns false with *error
// naming the address on failure (nothing is left open).
bool openListenSockets(const std::string &hostPort, int count, std::vector<ListenSocket> &out, QString *error);

// systemdSockets returns the sockets passed by systemd socket activation (LISTEN_PID must be this
// process, LISTEN_FDS the count, descriptors from 3), classified by SO_TYPE, made non-blocking and
// close-on-exec; the LISTEN_* variables are removed from the environment; the soft descriptor limit
// is raised to the hard one. Empty when none were passed, with *error saying why when the variables
// were present but unusable.
std::vector<ListenSocket> systemdSockets(QString *error);

// duplicateSocket gives another descriptor of the same socket (so several workers can serve one
// systemd socket); -1 on failure.
int duplicateSocket(int fd);

// closeListenSockets closes descriptors no Qt object owns yet.
void closeListenSockets(std::vector<ListenSocket> &sockets);

} // namespace skydns::service

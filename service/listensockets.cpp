#include "listensockets.h"

#include <arpa/inet.h>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

namespace skydns::service {

namespace {

bool parseHostPort(const std::string &hostPort, sockaddr_storage &addr, socklen_t &len)
{
    const std::size_t colon = hostPort.rfind(':');
    if (colon == std::string::npos)
        return false;
    std::string host = hostPort.substr(0, colon);
    const int port = std::atoi(hostPort.c_str() + colon + 1);
    if (port <= 0 || port > 65535)
        return false;
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']')
        host = host.substr(1, host.size() - 2);
    std::memset(&addr, 0, sizeof addr);
    auto *v4 = reinterpret_cast<sockaddr_in *>(&addr);
    if (inet_pton(AF_INET, host.c_str(), &v4->sin_addr) == 1) {
        v4->sin_family = AF_INET;
        v4->sin_port = htons(std::uint16_t(port));
        len = sizeof(sockaddr_in);
        return true;
    }
    auto *v6 = reinterpret_cast<sockaddr_in6 *>(&addr);
    if (inet_pton(AF_INET6, host.c_str(), &v6->sin6_addr) == 1) {
        v6->sin6_family = AF_INET6;
        v6->sin6_port = htons(std::uint16_t(port));
        len = sizeof(sockaddr_in6);
        return true;
    }
    return false;
}

int openOne(const sockaddr_storage &addr, socklen_t len, bool tcp, QString *error, const std::string &hostPort)
{
    const int fd = ::socket(addr.ss_family, (tcp ? SOCK_STREAM : SOCK_DGRAM) | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        *error = QStringLiteral("socket: %1").arg(QString::fromLocal8Bit(std::strerror(errno)));
        return -1;
    }
    const int one = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    // SO_REUSEPORT: one socket per worker on the same address; the kernel balances between them.
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof one);
    if (addr.ss_family == AF_INET6)
        ::setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof one);
    if (!tcp) {
        // Bursts from load generators overflow the default 208 KiB quickly.
        const int bytes = 4 * 1024 * 1024;
        ::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &bytes, sizeof bytes);
        ::setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &bytes, sizeof bytes);
    }
    if (::bind(fd, reinterpret_cast<const sockaddr *>(&addr), len) != 0 || (tcp && ::listen(fd, 1024) != 0)) {
        *error = QStringLiteral("cannot listen on %1 (%2): %3")
                     .arg(QString::fromStdString(hostPort), tcp ? QStringLiteral("tcp") : QStringLiteral("udp"),
                          QString::fromLocal8Bit(std::strerror(errno)));
        ::close(fd);
        return -1;
    }
    return fd;
}

// raiseDescriptorLimit lifts the soft RLIMIT_NOFILE to the hard one, as Go programs (SkyDNS) do:
// the default soft limit (1024 under systemd) is below what the TCP connection cap plus etcd and
// the listeners need, and accept() failing with EMFILE stalls new TCP clients (tst_tcpabuse).
void raiseDescriptorLimit()
{
    rlimit r{};
    if (::getrlimit(RLIMIT_NOFILE, &r) == 0 && r.rlim_cur < r.rlim_max) {
        r.rlim_cur = r.rlim_max;
        ::setrlimit(RLIMIT_NOFILE, &r);
    }
}

} // namespace

bool openListenSockets(const std::string &hostPort, int count, std::vector<ListenSocket> &out, QString *error)
{
    sockaddr_storage addr;
    socklen_t len = 0;
    if (!parseHostPort(hostPort, addr, len)) {
        *error = QStringLiteral("dns_addr %1 is not ip:port").arg(QString::fromStdString(hostPort));
        return false;
    }
    raiseDescriptorLimit();
    std::vector<ListenSocket> opened;
    for (int i = 0; i < count; ++i) {
        for (bool tcp : {false, true}) {
            const int fd = openOne(addr, len, tcp, error, hostPort);
            if (fd < 0) {
                closeListenSockets(opened);
                return false;
            }
            opened.push_back({fd, tcp});
        }
    }
    out.insert(out.end(), opened.begin(), opened.end());
    return true;
}

std::vector<ListenSocket> systemdSockets(QString *error)
{
    std::vector<ListenSocket> out;
    const char *pid = std::getenv("LISTEN_PID");
    const char *fds = std::getenv("LISTEN_FDS");
    if (!pid || !fds) {
        *error = QStringLiteral("no LISTEN_PID/LISTEN_FDS in the environment");
        return out;
    }
    if (std::atol(pid) != long(::getpid())) {
        *error = QStringLiteral("LISTEN_PID %1 is not this process").arg(QString::fromLatin1(pid));
        return out;
    }
    const int n = std::atoi(fds);
    raiseDescriptorLimit();
    ::unsetenv("LISTEN_PID");
    ::unsetenv("LISTEN_FDS");
    ::unsetenv("LISTEN_FDNAMES");
    for (int fd = 3; fd < 3 + n; ++fd) {
        int type = 0;
        socklen_t typeLen = sizeof type;
        if (::getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &typeLen) != 0 || (type != SOCK_DGRAM && type != SOCK_STREAM))
            continue;
        ::fcntl(fd, F_SETFD, FD_CLOEXEC);
        ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
        out.push_back({fd, type == SOCK_STREAM});
    }
    if (out.empty())
        *error = QStringLiteral("LISTEN_FDS=%1 gave no UDP or TCP socket").arg(n);
    return out;
}

int duplicateSocket(int fd)
{
    return ::fcntl(fd, F_DUPFD_CLOEXEC, 3);
}

void closeListenSockets(std::vector<ListenSocket> &sockets)
{
    for (const ListenSocket &s : sockets)
        if (s.fd >= 0)
            ::close(s.fd);
    sockets.clear();
}

} // namespace skydns::service

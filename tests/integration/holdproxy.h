#pragma once

// HoldProxy, for tests of what a client does while some of its etcd calls are held: a TCP proxy
// on 127.0.0.1 in front of one upstream port. It forwards bytes both ways; while holding, a request
// that starts with heldRequest (e.g. "POST /v3/lease/timetolive") waits before it is forwarded.
// It counts those requests: held now, most held at once, seen in all. One thread per connection
// (the clients under test keep a handful open); header-only, POSIX sockets.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <condition_variable>
#include <cstdint>
#include <cstring>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace skydns::test {

class HoldProxy
{
public:
    // HoldProxy listens on a free loopback port at once; it does not hold until setHolding(true).
    HoldProxy(std::uint16_t upstreamPort, std::string heldRequest)
        : m_upstreamPort(upstreamPort)
        , m_heldRequest(std::move(heldRequest))
    {
        m_listen = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in addr = loopback(0);
        int one = 1;
        ::setsockopt(m_listen, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        if (::bind(m_listen, reinterpret_cast<sockaddr *>(&addr), sizeof addr) == 0 && ::listen(m_listen, 64) == 0) {
            socklen_t len = sizeof addr;
            ::getsockname(m_listen, reinterpret_cast<sockaddr *>(&addr), &len);
            m_port = ntohs(addr.sin_port);
        }
        m_acceptor = std::thread([this] { acceptLoop(); });
    }
    // ~HoldProxy releases what it holds and closes every connection.
    ~HoldProxy()
    {
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_stopping = true;
        }
        m_wake.notify_all();
        m_acceptor.join();
        for (std::thread &t : m_connections)
            t.join();
        ::close(m_listen);
    }
    HoldProxy(const HoldProxy &) = delete;
    HoldProxy &operator=(const HoldProxy &) = delete;

    // url is the proxy's http URL ("" when it could not listen).
    std::string url() const { return m_port ? "http://127.0.0.1:" + std::to_string(m_port) : std::string(); }
    // setHolding starts holding the requests (true) or releases the held ones (false).
    void setHolding(bool holding)
    {
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_holding = holding;
        }
        m_wake.notify_all();
    }
    // held is the number of requests waiting now; maxHeld the most at once; seen all since start.
    int held() const { std::lock_guard<std::mutex> lock(m_mutex); return m_held; }
    int maxHeld() const { std::lock_guard<std::mutex> lock(m_mutex); return m_maxHeld; }
    int seen() const { std::lock_guard<std::mutex> lock(m_mutex); return m_seen; }

private:
    static sockaddr_in loopback(std::uint16_t port)
    {
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(port);
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        return addr;
    }

    bool stopping() const { std::lock_guard<std::mutex> lock(m_mutex); return m_stopping; }

    void acceptLoop()
    {
        while (!stopping()) {
            pollfd p{m_listen, POLLIN, 0};
            if (::poll(&p, 1, 50) <= 0)
                continue;
            const int client = ::accept(m_listen, nullptr, nullptr);
            if (client >= 0)
                m_connections.emplace_back([this, client] { pump(client); });
        }
    }

    static bool sendAll(int fd, const char *data, std::size_t size)
    {
        while (size > 0) {
            const ssize_t n = ::send(fd, data, size, MSG_NOSIGNAL);
            if (n <= 0)
                return false;
            data += n;
            size -= std::size_t(n);
        }
        return true;
    }

    void hold()
    {
        std::unique_lock<std::mutex> lock(m_mutex);
        ++m_seen;
        if (!m_holding)
            return;
        ++m_held;
        m_maxHeld = std::max(m_maxHeld, m_held);
        m_wake.wait(lock, [this] { return !m_holding || m_stopping; });
        --m_held;
    }

    void pump(int client)
    {
        const int upstream = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in addr = loopback(m_upstreamPort);
        if (::connect(upstream, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0) {
            ::close(upstream);
            ::close(client);
            return;
        }
        std::vector<char> buffer(64 * 1024);
        bool open = true;
        while (open && !stopping()) {
            pollfd p[2] = {{client, POLLIN, 0}, {upstream, POLLIN, 0}};
            if (::poll(p, 2, 50) <= 0)
                continue;
            for (int i = 0; i < 2 && open; ++i) {
                if (!(p[i].revents & (POLLIN | POLLHUP | POLLERR)))
                    continue;
                const ssize_t n = ::recv(p[i].fd, buffer.data(), buffer.size(), 0);
                if (n <= 0) {
                    open = false;
                    break;
                }
                // A request's first line comes in its first segment (the clients send it at once).
                if (i == 0 && std::string(buffer.data(), std::size_t(n)).rfind(m_heldRequest, 0) == 0)
                    hold();
                open = sendAll(i == 0 ? upstream : client, buffer.data(), std::size_t(n));
            }
        }
        ::close(upstream);
        ::close(client);
    }

    const std::uint16_t m_upstreamPort;
    const std::string m_heldRequest;
    int m_listen = -1;
    std::uint16_t m_port = 0;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_holding = false;
    bool m_stopping = false;
    int m_held = 0, m_maxHeld = 0, m_seen = 0;
    std::thread m_acceptor;
    std::vector<std::thread> m_connections; // touched by the acceptor thread, then by the destructor
};

} // namespace skydns::test

#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

namespace skydns::backend {

// EtcdMachines is the thread-safe machine list of an EtcdClient with a back-off per machine: a
// machine that failed is skipped for 1 s, doubling on each further failure up to 30 s, and is
// back in line after one success. Times are passed in (ms on a monotonic clock) so the policy can
// be tested without waiting.
class EtcdMachines
{
public:
    static constexpr std::int64_t kFirstBackoffMs = 1000;
    static constexpr std::int64_t kMaxBackoffMs = 30000;

    // EtcdMachines keeps machines in the given order (normalised, duplicates dropped); the first
    // one starts as the active machine.
    explicit EtcdMachines(const std::vector<std::string> &machines);

    // attemptOrder is the order to try machines in at nowMs: the active machine, then the other
    // machines not in back-off in list order, then those in back-off, soonest retry first. It is
    // never empty while the list is not: when every machine is in back-off they are all still tried.
    std::vector<std::string> attemptOrder(std::int64_t nowMs) const;

    // reportFailure puts machine in back-off (1 s, doubling, at most 30 s) and remembers why; it
    // returns how many times in a row the machine has failed now.
    int reportFailure(const std::string &machine, const std::string &why, std::int64_t nowMs);
    // reportSuccess ends machine's back-off and makes it the active machine; it returns how many
    // failures in a row that ended (0 when the machine was fine).
    int reportSuccess(const std::string &machine);

    // replace sets a new machine list (discovery), keeping the back-off state of machines that
    // stay; the active machine stays active if it is still listed. An empty list is ignored.
    void replace(const std::vector<std::string> &machines);

    // machines is the list in order; active the machine that answered last (or the first one).
    std::vector<std::string> machines() const;
    std::string active() const;
    // inBackoff tells whether machine is skipped at nowMs (for tests and logs).
    bool inBackoff(const std::string &machine, std::int64_t nowMs) const;

private:
    struct Machine
    {
        std::string url;
        int failures = 0;
        std::int64_t retryAtMs = 0;
        std::string lastError;
    };

    mutable std::mutex m_mutex;
    std::vector<Machine> m_machines;
    std::string m_active;
};

} // namespace skydns::backend

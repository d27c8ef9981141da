#include "backend/etcdmachines.h"

#include "backend/etcdrequest.h"

#include <algorithm>

namespace skydns::backend {

namespace {

template<typename List>
auto findMachine(List &list, const std::string &url)
{
    return std::find_if(list.begin(), list.end(), [&](const auto &m) { return m.url == url; });
}

} // namespace

EtcdMachines::EtcdMachines(const std::vector<std::string> &machines)
{
    replace(machines);
}

std::vector<std::string> EtcdMachines::attemptOrder(std::int64_t nowMs) const
{
    std::lock_guard lock(m_mutex);
    std::vector<std::string> order;
    std::vector<const Machine *> waiting;
    const auto active = findMachine(m_machines, m_active);
    if (active != m_machines.end() && active->retryAtMs <= nowMs)
        order.push_back(active->url);
    for (const auto &machine : m_machines) {
        if (machine.url == m_active && machine.retryAtMs <= nowMs)
            continue;
        if (machine.retryAtMs <= nowMs)
            order.push_back(machine.url);
        else
            waiting.push_back(&machine);
    }
    // Machines in back-off come last rather than not at all: a call must never fail only because
    // every machine failed recently.
    std::stable_sort(waiting.begin(), waiting.end(),
                     [](const Machine *a, const Machine *b) { return a->retryAtMs < b->retryAtMs; });
    for (const Machine *machine : waiting)
        order.push_back(machine->url);
    return order;
}

int EtcdMachines::reportFailure(const std::string &machine, const std::string &why, std::int64_t nowMs)
{
    std::lock_guard lock(m_mutex);
    const auto it = findMachine(m_machines, machine);
    if (it == m_machines.end())
        return 0;
    const int doublings = std::min(it->failures, 5); // 1 s << 5 = 32 s, capped below
    it->failures += 1;
    it->retryAtMs = nowMs + std::min(kFirstBackoffMs << doublings, kMaxBackoffMs);
    it->lastError = why;
    return it->failures;
}

int EtcdMachines::reportSuccess(const std::string &machine)
{
    std::lock_guard lock(m_mutex);
    const auto it = findMachine(m_machines, machine);
    if (it == m_machines.end())
        return 0;
    const int ended = it->failures;
    it->failures = 0;
    it->retryAtMs = 0;
    it->lastError.clear();
    m_active = machine;
    return ended;
}

void EtcdMachines::replace(const std::vector<std::string> &machines)
{
    std::vector<Machine> next;
    for (const auto &raw : machines) {
        const std::string url = normaliseMachine(raw);
        if (url.empty() || findMachine(next, url) != next.end())
            continue;
        Machine machine;
        machine.url = url;
        next.push_back(std::move(machine));
    }
    if (next.empty())
        return;
    std::lock_guard lock(m_mutex);
    for (auto &machine : next) {
        if (const auto old = findMachine(m_machines, machine.url); old != m_machines.end())
            machine = *old;
    }
    m_machines = std::move(next);
    if (findMachine(m_machines, m_active) == m_machines.end())
        m_active = m_machines.front().url;
}

std::vector<std::string> EtcdMachines::machines() const
{
    std::lock_guard lock(m_mutex);
    std::vector<std::string> urls;
    for (const auto &machine : m_machines)
        urls.push_back(machine.url);
    return urls;
}

std::string EtcdMachines::active() const
{
    std::lock_guard lock(m_mutex);
    return m_active;
}

bool EtcdMachines::inBackoff(const std::string &machine, std::int64_t nowMs) const
{
    std::lock_guard lock(m_mutex);
    const auto it = findMachine(m_machines, machine);
    return it != m_machines.end() && it->retryAtMs > nowMs;
}

} // namespace skydns::backend

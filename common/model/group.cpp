#include "model/group.h"

#include <algorithm>

namespace skydns::model {

namespace {

int slashes(const std::string &key)
{
    return static_cast<int>(std::count(key.begin(), key.end(), '/'));
}

} // namespace

std::vector<const Record *> selectGroup(const std::vector<const Record *> &records)
{
    if (records.empty())
        return records;

    // A line-by-line copy of msg.Group, including its order dependence: lengths after the `break`
    // stay 0, which matters when the shortest level has no '/' at all.
    std::string group = records[0]->service.group;
    int shortest = slashes(records[0]->key);
    std::vector<int> length(records.size(), 0);
    for (std::size_t i = 0; i < records.size(); ++i) {
        const int x = slashes(records[i]->key);
        length[i] = x;
        if (x < shortest) {
            if (records[i]->service.group.empty())
                break;
            group = records[i]->service.group;
            shortest = x;
        }
    }

    if (group.empty())
        return records;

    std::vector<const Record *> kept;
    for (std::size_t i = 0; i < records.size(); ++i) {
        const std::string &g = records[i]->service.group;
        if (g.empty() || g == group) {
            kept.push_back(records[i]);
            continue;
        }
        if (length[i] == shortest)
            return records; // disagreement at the shortest level: no grouping
    }
    return kept;
}

} // namespace skydns::model

#pragma once

#include "model/record.h"

#include <vector>

namespace skydns::model {

// selectGroup is msg.Group (spec 2.4): the group is taken from the first record, then replaced by
// the group of any record whose key has fewer '/' (the scan stops at the first shorter key without a
// group). With no group everything is returned. Otherwise records without a group and records of
// that group are kept, unless a record at the shortest level has a different non-empty group, in
// which case grouping is abandoned and everything is returned. Order is preserved.
std::vector<const Record *> selectGroup(const std::vector<const Record *> &records);

} // namespace skydns::model

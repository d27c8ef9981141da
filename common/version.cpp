#include "version.h"

namespace skydns {

const char *versionString()
{
    return SKYDNS_VERSION;
}

const char *compatVersionString()
{
    return SKYDNS_COMPAT_VERSION;
}

} // namespace skydns

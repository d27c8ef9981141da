#pragma once

namespace skydns {

// versionString is SkyDNS Qt's own version, e.g. "0.1.0".
const char *versionString();

// compatVersionString is the SkyDNS release whose behaviour we reproduce ("2.5.3a"); `skydns
// -version` prints it in SkyDNS's words for scripts that parse it.
const char *compatVersionString();

} // namespace skydns

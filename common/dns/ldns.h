#pragma once

// ldns.h is the one header that includes ldns. ldns/common.h defines `true` and `false` as macros
// unless <stdbool.h> came first, which breaks C++; include this header, never <ldns/ldns.h>.
#include <stdbool.h>
#include <ldns/ldns.h>

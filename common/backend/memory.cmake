# MemoryBackend (tests and fixtures) and FirstBackend (SkyDNS backend chaining).
target_sources(skydns_common PRIVATE memorybackend.h memorybackend.cpp firstbackend.h firstbackend.cpp)

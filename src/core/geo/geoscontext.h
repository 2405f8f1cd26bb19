// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#define GEOS_USE_ONLY_R_API
#include <geos_c.h>

#include <memory>
#include <string>
#include <utility>

namespace gengbao::core {

// One GEOS context handle (the reentrant _r API): one per thread. Collects GEOS's error messages
// instead of letting them print.
class GeosContext
{
public:
    GeosContext();
    ~GeosContext();
    GeosContext(const GeosContext &) = delete;
    GeosContext &operator=(const GeosContext &) = delete;

    GEOSContextHandle_t handle() const { return mHandle; }
    const std::string &lastError() const { return mLastError; }

private:
    static void onMessage(const char *message, void *userData);
    GEOSContextHandle_t mHandle;
    std::string mLastError;
};

// Owns one GEOS geometry of a given context.
class GeosGeometry
{
public:
    GeosGeometry() = default;
    GeosGeometry(GEOSContextHandle_t context, GEOSGeometry *geometry)
        : mContext(context)
        , mGeometry(geometry)
    {}
    GeosGeometry(GeosGeometry &&other) noexcept
        : mContext(other.mContext)
        , mGeometry(std::exchange(other.mGeometry, nullptr))
    {}
    GeosGeometry &operator=(GeosGeometry &&other) noexcept
    {
        if (this != &other) {
            reset();
            mContext = other.mContext;
            mGeometry = std::exchange(other.mGeometry, nullptr);
        }
        return *this;
    }
    ~GeosGeometry() { reset(); }

    GEOSGeometry *get() const { return mGeometry; }
    GEOSGeometry *release() { return std::exchange(mGeometry, nullptr); }
    explicit operator bool() const { return mGeometry != nullptr; }
    void reset()
    {
        if (mGeometry)
            GEOSGeom_destroy_r(mContext, mGeometry);
        mGeometry = nullptr;
    }

private:
    GEOSContextHandle_t mContext = nullptr;
    GEOSGeometry *mGeometry = nullptr;
};

}  // namespace gengbao::core

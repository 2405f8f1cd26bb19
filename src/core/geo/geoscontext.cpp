// SPDX-License-Identifier: GPL-3.0-or-later
#include "geoscontext.h"

namespace gengbao::core {

GeosContext::GeosContext()
    : mHandle(GEOS_init_r())
{
    GEOSContext_setErrorMessageHandler_r(mHandle, &GeosContext::onMessage, this);
    GEOSContext_setNoticeMessageHandler_r(mHandle, nullptr, nullptr);
}

GeosContext::~GeosContext()
{
    GEOS_finish_r(mHandle);
}

void GeosContext::onMessage(const char *message, void *userData)
{
    static_cast<GeosContext *>(userData)->mLastError = message ? message : "";
}

}  // namespace gengbao::core

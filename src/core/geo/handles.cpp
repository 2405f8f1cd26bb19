// SPDX-License-Identifier: GPL-3.0-or-later
#include "handles.h"

namespace gengbao::core {

CplErrorCapture::CplErrorCapture()
{
    CPLPushErrorHandlerEx(&CplErrorCapture::handler, this);
}

CplErrorCapture::~CplErrorCapture()
{
    CPLPopErrorHandler();
}

void CPL_STDCALL CplErrorCapture::handler(CPLErr level, CPLErrorNum number, const char *message)
{
    (void)number;
    if (level < CE_Failure)
        return;  // warnings and debug output are not failures
    auto *self = static_cast<CplErrorCapture *>(CPLGetErrorHandlerUserData());
    if (self)
        self->mLastFailure = message ? message : "unknown GDAL error";
}

}  // namespace gengbao::core

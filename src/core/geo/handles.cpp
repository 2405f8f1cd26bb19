// SPDX-License-Identifier: GPL-3.0-or-later
#include "handles.h"

#include <cpl_string.h>

#include <algorithm>

namespace gengbao::core {

std::vector<std::string> datasetFiles(GDALDatasetH dataset, const std::string &path)
{
    std::vector<std::string> files;
    char **list = dataset ? GDALGetFileList(dataset) : nullptr;
    for (char **file = list; file && *file; ++file)
        files.emplace_back(*file);
    CSLDestroy(list);
    if (files.empty())
        files.push_back(path);
    std::sort(files.begin(), files.end());
    return files;
}

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

// SPDX-License-Identifier: GPL-3.0-or-later
#include "offscreengui.h"

#include <cstdlib>

namespace gengbao::cli {

OffscreenGui::OffscreenGui()
{
    if (std::getenv("QT_QPA_PLATFORM") == nullptr)
        qputenv("QT_QPA_PLATFORM", "offscreen");
    qInstallMessageHandler([](QtMsgType, const QMessageLogContext &, const QString &) {});
    mApplication = std::make_unique<QGuiApplication>(mArgc, mArgv);
}

}  // namespace gengbao::cli

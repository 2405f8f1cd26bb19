// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QGuiApplication>

#include <memory>

namespace gengbao::cli {

// Fonts and painting need a QGuiApplication; the CLI draws (print, render) without a display.
// Qt's notices (a missing XDG_RUNTIME_DIR...) are silenced: they must not become the first
// stderr line, which scripts read as the error.
class OffscreenGui
{
public:
    OffscreenGui();

private:
    int mArgc = 1;
    char mName[12] = "gengbao-cli";
    char *mArgv[2] = {mName, nullptr};
    std::unique_ptr<QGuiApplication> mApplication;
};

}  // namespace gengbao::cli

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QGuiApplication>

namespace gengbao::test {

// The one QGuiApplication of a test binary: fonts and painting need it. Offscreen unless the
// environment chose a platform (ctest sets QT_QPA_PLATFORM=offscreen).
inline void ensureGui()
{
    if (QGuiApplication::instance() != nullptr)
        return;
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    static int argc = 1;
    static char name[] = "gengbao_report_tests";
    static char *argv[] = {name, nullptr};
    static QGuiApplication application(argc, argv);
}

}  // namespace gengbao::test

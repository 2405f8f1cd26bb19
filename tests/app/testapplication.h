// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QApplication>

namespace gengbao::test {

// The one QApplication of the app test binary, made by whichever test asks first. Made on the
// heap and never deleted, on purpose: a static one is destroyed at exit after Qt's own global
// statics, and its clean-up routines then touch them (a pattern brush, such as the red line's
// hatching, leaves a QPixmapCache entry that crashed every map test at exit). The program's
// QApplication lives on main's stack and has no such problem.
inline QApplication &application()
{
    if (auto *existing = qobject_cast<QApplication *>(QCoreApplication::instance()))
        return *existing;
    static int argc = 1;
    static char name[] = "gengbao_app_tests";
    static char *argv[] = {name, nullptr};
    return *new QApplication(argc, argv);
}

}  // namespace gengbao::test

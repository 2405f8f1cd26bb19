// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/ops/exportparcels.h>

#include <QTextBrowser>

namespace gengbao::core {
class Project;
}

namespace gengbao::app {

// The details of one parcel: the area figures (TBMJ, computed, gross, net, accepted), the
// screening result with its reasons and flags, the stage history and every attribute of the
// county's file.
class ParcelDetails : public QTextBrowser
{
    Q_OBJECT

public:
    explicit ParcelDetails(QWidget *parent = nullptr);
    void showParcel(core::Project *project, const core::ParcelRow *row);
};

}  // namespace gengbao::app

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

namespace gengbao::app {

class ProjectSession;
struct SessionChange;

// A tab that shows something derived from the project. After a change it reloads at once only
// when it is on screen; a hidden tab reloads when it is next shown. With 100k parcels a reload
// costs a noticeable part of a second, and a stage step must not pay for every tab.
class SessionView : public QWidget
{
    Q_OBJECT

public:
    SessionView(ProjectSession &session, QWidget *parent);

protected:
    virtual void reload() = 0;
    // Whether a change concerns what the view shows; by default every change does.
    virtual bool concerns(const SessionChange &change) const;
    void showEvent(QShowEvent *event) override;

    ProjectSession &mSession;

private:
    void sessionChanged(const SessionChange &change);
    bool mStale = false;
};

}  // namespace gengbao::app

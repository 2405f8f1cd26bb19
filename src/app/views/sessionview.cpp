// SPDX-License-Identifier: GPL-3.0-or-later
#include "sessionview.h"

#include "../session/projectsession.h"

namespace gengbao::app {

SessionView::SessionView(ProjectSession &session, QWidget *parent)
    : QWidget(parent)
    , mSession(session)
{
    connect(&mSession, &ProjectSession::changed, this, &SessionView::sessionChanged);
}

bool SessionView::concerns(const SessionChange &) const
{
    return true;
}

void SessionView::sessionChanged(const SessionChange &change)
{
    if (!concerns(change))
        return;
    if (isVisible()) {
        reload();
        mStale = false;
    } else {
        mStale = true;
    }
}

void SessionView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (mStale) {
        mStale = false;
        reload();
    }
}

}  // namespace gengbao::app

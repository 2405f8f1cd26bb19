// SPDX-License-Identifier: GPL-3.0-or-later
#include "plandialog.h"

#include "../models/parceltablemodel.h"
#include "../session/strings.h"
#include "ui_plandialog.h"

#include <core/domain/lifecycle.h>
#include <report/errortext.h>
#include <report/vocabulary.h>

#include <QComboBox>
#include <QDate>
#include <QHeaderView>
#include <QPushButton>

#include <cmath>

namespace gengbao::app {

namespace {

// The stages a deadline can name: the steps of the restoration itself.
constexpr core::Stage kDeadlineStages[] = {core::Stage::Selected, core::Stage::Restoring,
                                           core::Stage::Planted,  core::Stage::EvidenceSubmitted,
                                           core::Stage::Verified, core::Stage::Approved};

QString cellText(const QTableWidget *table, int row, int column)
{
    const QTableWidgetItem *item = table->item(row, column);
    return item ? item->text().trimmed() : QString();
}

void setCell(QTableWidget *table, int row, int column, const QString &text)
{
    table->setItem(row, column, new QTableWidgetItem(text));
}

std::int64_t yuanToFen(double yuan)
{
    return std::llround(yuan * 100.0);
}

void fillBasis(QComboBox *combo, const QString &firstLabel, const char *first,
               const QString &secondLabel, const char *second, const std::string &current)
{
    combo->addItem(firstLabel, QString::fromLatin1(first));
    combo->addItem(secondLabel, QString::fromLatin1(second));
    combo->setCurrentIndex(current == second ? 1 : 0);
}

void prepareTable(QTableWidget *table, const QStringList &headers)
{
    table->setColumnCount(int(headers.size()));
    table->setHorizontalHeaderLabels(headers);
    table->horizontalHeader()->setStretchLastSection(true);
    table->verticalHeader()->setVisible(false);
}

void connectRemove(QPushButton *button, QTableWidget *table)
{
    QObject::connect(button, &QPushButton::clicked, table, [table] {
        const int row = table->currentRow();
        if (row >= 0)
            table->removeRow(row);
    });
}

}  // namespace

PlanDialog::PlanDialog(const core::Plan &plan, QWidget *parent)
    : QDialog(parent)
    , mOriginal(plan)
    , mUi(std::make_unique<Ui::PlanDialog>())
{
    mUi->setupUi(this);
    prepareTable(mUi->phasesTable, {tr("Phase"), tr("Starts (YYYY-MM-DD)"), tr("Ends")});
    prepareTable(mUi->deadlinesTable, {tr("Stage"), tr("Due (YYYY-MM-DD)"), tr("Label")});
    prepareTable(mUi->indicatorsTable,
                 {tr("Indicator"), tr("Comparison"), tr("Value"), tr("Unit")});
    connect(mUi->phaseAddButton, &QPushButton::clicked, this, [this] { addPhaseRow({}); });
    connect(mUi->deadlineAddButton, &QPushButton::clicked, this, [this] {
        addDeadlineRow({"planted", "", ""});
    });
    connect(mUi->indicatorAddButton, &QPushButton::clicked, this, [this] { addIndicatorRow({}); });
    connectRemove(mUi->phaseRemoveButton, mUi->phasesTable);
    connectRemove(mUi->deadlineRemoveButton, mUi->deadlinesTable);
    connectRemove(mUi->indicatorRemoveButton, mUi->indicatorsTable);
    connect(mUi->buttonBox->button(QDialogButtonBox::Save), &QPushButton::clicked, this,
            &PlanDialog::saveIfValid);
    show(plan);
}

PlanDialog::~PlanDialog() = default;

void PlanDialog::show(const core::Plan &plan)
{
    mUi->titleEdit->setText(toQString(plan.title));
    mUi->issuerEdit->setText(toQString(plan.issuer));
    const QDate documentDate = QDate::fromString(toQString(plan.documentDate), Qt::ISODate);
    mUi->documentDateEdit->setDate(documentDate.isValid() ? documentDate : QDate(plan.year, 1, 1));
    const core::Program *program = plan.restoration();
    const core::Program fallback;
    const core::Program &restoration = program ? *program : fallback;
    mUi->targetSpin->setValue(restoration.targetMu.value_or(0.0));
    mUi->annexTitleEdit->setText(toQString(restoration.annexTitle));
    for (const core::Phase &phase : restoration.phases)
        addPhaseRow(phase);
    for (const core::Deadline &deadline : restoration.deadlines)
        addDeadlineRow(deadline);
    for (const core::Indicator &indicator : plan.indicators)
        addIndicatorRow(indicator);

    const core::ProgramRules &rules = restoration.rules;
    mUi->maxSlopeSpin->setValue(rules.maxSlopeDeg);
    mUi->terracesCheck->setChecked(rules.allowTerraces);
    mUi->toleranceSpin->setValue(rules.overlapToleranceM2);
    mUi->subsidySpin->setValue(double(rules.subsidyFenPerMu) / 100.0);
    mUi->completionRewardSpin->setValue(double(rules.completionRewardFenPerMu) / 100.0);
    mUi->excessRewardSpin->setValue(double(rules.excessRewardFenPerMu) / 100.0);
    fillBasis(mUi->subsidyBasisCombo, tr("Net area"), "net", tr("Gross area"), "gross",
              rules.subsidyBasis);
    fillBasis(mUi->completionBasisCombo, tr("The task"), "task", tr("The completed area"),
              "completed", rules.completionRewardBasis);
    fillBasis(mUi->completionAreaCombo, tr("Net area"), "net", tr("Gross area"), "gross",
              rules.completionArea);
}

void PlanDialog::addPhaseRow(const core::Phase &phase)
{
    QTableWidget *table = mUi->phasesTable;
    const int row = table->rowCount();
    table->insertRow(row);
    setCell(table, row, 0, toQString(phase.name));
    setCell(table, row, 1, toQString(phase.startsOn));
    setCell(table, row, 2, toQString(phase.endsOn));
}

void PlanDialog::addDeadlineRow(const core::Deadline &deadline)
{
    QTableWidget *table = mUi->deadlinesTable;
    const int row = table->rowCount();
    table->insertRow(row);
    auto *stages = new QComboBox(table);
    for (core::Stage stage : kDeadlineStages) {
        const std::string name(core::stageName(stage));
        stages->addItem(report::stageLabel(name), toQString(name));
    }
    stages->setCurrentIndex(std::max(0, stages->findData(toQString(deadline.stage))));
    table->setCellWidget(row, 0, stages);
    setCell(table, row, 1, toQString(deadline.dueOn));
    setCell(table, row, 2, toQString(deadline.label));
}

void PlanDialog::addIndicatorRow(const core::Indicator &indicator)
{
    QTableWidget *table = mUi->indicatorsTable;
    const int row = table->rowCount();
    table->insertRow(row);
    setCell(table, row, 0, toQString(indicator.name));
    setCell(table, row, 1, toQString(indicator.comparison));
    setCell(table, row, 2, QString::number(indicator.value, 'f', 2));
    setCell(table, row, 3, toQString(indicator.unit));
}

core::Plan PlanDialog::plan() const
{
    core::Plan plan = mOriginal;
    plan.title = toUtf8(mUi->titleEdit->text().trimmed());
    plan.issuer = toUtf8(mUi->issuerEdit->text().trimmed());
    plan.documentDate = toUtf8(mUi->documentDateEdit->date().toString(Qt::ISODate));
    if (!plan.restoration())
        plan.programs.insert(plan.programs.begin(), core::Program{});
    core::Program &program = *plan.restoration();
    program.targetMu = std::round(mUi->targetSpin->value() * 100.0) / 100.0;
    program.annexTitle = toUtf8(mUi->annexTitleEdit->text().trimmed());

    program.phases.clear();
    const QTableWidget *phases = mUi->phasesTable;
    for (int row = 0; row < phases->rowCount(); ++row)
        program.phases.push_back({toUtf8(cellText(phases, row, 0)),
                                  toUtf8(cellText(phases, row, 1)),
                                  toUtf8(cellText(phases, row, 2))});
    program.deadlines.clear();
    const QTableWidget *deadlines = mUi->deadlinesTable;
    for (int row = 0; row < deadlines->rowCount(); ++row) {
        const auto *stages = static_cast<const QComboBox *>(deadlines->cellWidget(row, 0));
        program.deadlines.push_back({toUtf8(stages->currentData().toString()),
                                     toUtf8(cellText(deadlines, row, 1)),
                                     toUtf8(cellText(deadlines, row, 2))});
    }
    plan.indicators.clear();
    const QTableWidget *indicators = mUi->indicatorsTable;
    for (int row = 0; row < indicators->rowCount(); ++row) {
        core::Indicator indicator;
        indicator.name = toUtf8(cellText(indicators, row, 0));
        indicator.comparison = toUtf8(cellText(indicators, row, 1));
        // A value that is not a number is caught by validatePlan as NaN.
        bool isNumber = false;
        const double value = cellText(indicators, row, 2).toDouble(&isNumber);
        indicator.value = isNumber ? value : std::nan("");
        indicator.unit = toUtf8(cellText(indicators, row, 3));
        plan.indicators.push_back(std::move(indicator));
    }

    core::ProgramRules &rules = program.rules;
    rules.maxSlopeDeg = mUi->maxSlopeSpin->value();
    rules.allowTerraces = mUi->terracesCheck->isChecked();
    rules.overlapToleranceM2 = mUi->toleranceSpin->value();
    rules.subsidyFenPerMu = yuanToFen(mUi->subsidySpin->value());
    rules.completionRewardFenPerMu = yuanToFen(mUi->completionRewardSpin->value());
    rules.excessRewardFenPerMu = yuanToFen(mUi->excessRewardSpin->value());
    rules.subsidyBasis = toUtf8(mUi->subsidyBasisCombo->currentData().toString());
    rules.completionRewardBasis = toUtf8(mUi->completionBasisCombo->currentData().toString());
    rules.completionArea = toUtf8(mUi->completionAreaCombo->currentData().toString());
    return plan;
}

void PlanDialog::saveIfValid()
{
    const core::Status valid = core::validatePlan(plan());
    if (!valid) {
        mUi->problemLabel->setText(report::errorText(valid.error()));
        return;
    }
    accept();
}

}  // namespace gengbao::app

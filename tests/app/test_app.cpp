// SPDX-License-Identifier: GPL-3.0-or-later
// The desktop window under QT_QPA_PLATFORM=offscreen: opens a project and lists its parcels.
#include "../support/testfiles.h"
#include "testapplication.h"

#include <app/dialogs/advancedialog.h>
#include <app/dialogs/importdialog.h>
#include <app/dialogs/importsummarydialog.h>
#include <app/dialogs/newprojectdialog.h>
#include <app/dialogs/plandialog.h>
#include <app/dialogs/screeningdialog.h>
#include <app/mainwindow.h>
#include <app/models/parcelfilter.h>
#include <app/models/parceltablemodel.h>
#include <app/models/tasktablemodel.h>
#include <app/session/projectsession.h>
#include <app/session/taskrunner.h>
#include <app/views/payoutsview.h>
#include <app/views/progressview.h>
#include <app/views/villagetasksview.h>
#include <core/ops/audit.h>
#include <core/ops/importparcels.h>
#include <core/ops/sampleproject.h>
#include <core/ops/screenparcels.h>
#include <report/mapstyle.h>
#include <report/vocabulary.h>

#include <catch2/catch.hpp>

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDate>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QRegularExpression>
#include <QSet>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QStatusBar>
#include <QTableView>
#include <QTableWidget>
#include <QTextBrowser>
#include <QTranslator>
#include <QUndoStack>

using namespace gengbao;
using namespace gengbao::test;

TEST_CASE("the main window opens the sample project and lists its parcels in Chinese", "[app]")
{
    application();
    QTranslator translator;
    REQUIRE(translator.load(QStringLiteral(":/i18n/gengbao_zh_CN")));
    QApplication::installTranslator(&translator);

    TempDir dir;
    core::Progress progress;
    const auto dataDir = core::locateDataDir("");
    REQUIRE(dataDir);
    REQUIRE(core::createSampleProject(dir.file("sample.gpkg"), *dataDir, progress).ok());

    app::MainWindow window;
    REQUIRE(window.openProject(QString::fromStdString(dir.file("sample.gpkg"))));
    CHECK(window.windowTitle().contains(QStringLiteral("峨溶镇")));
    CHECK(window.windowTitle().contains(QStringLiteral("耕保")));
    auto *table = window.findChild<QTableView *>(QStringLiteral("parcelTable"));
    REQUIRE(table);
    CHECK(table->model()->rowCount() == 386);
    CHECK(table->model()->headerData(app::ParcelTableModel::Village, Qt::Horizontal).toString() ==
          QStringLiteral("村居"));
    // Display rounds to 0.01 mu; the first parcel's TBMJ 2392.48 m² is 3.58872 mu.
    auto *proxy = qobject_cast<QSortFilterProxyModel *>(table->model());
    REQUIRE(proxy);
    const auto *model = qobject_cast<app::ParcelTableModel *>(proxy->sourceModel());
    REQUIRE(model);
    CHECK(model->data(model->index(0, app::ParcelTableModel::GrossMu)).toString() ==
          QStringLiteral("3.59"));
    CHECK(model->data(model->index(0, app::ParcelTableModel::Stage)).toString() ==
          QStringLiteral("备选"));
    CHECK(model->data(model->index(0, 0), app::ParcelTableModel::ParcelIdRole).toString() ==
          QStringLiteral("500241202300010001"));
    QApplication::removeTranslator(&translator);
}

TEST_CASE("a project that cannot be opened keeps the window as it was", "[app]")
{
    application();
    TempDir dir;
    app::MainWindow window;
    // openProject shows a message box; under offscreen it must not block: close it at once.
    QMetaObject::invokeMethod(
        &window,
        [] {
            if (QWidget *box = QApplication::activeModalWidget())
                box->close();
        },
        Qt::QueuedConnection);
    const QString title = window.windowTitle();
    CHECK_FALSE(window.openProject(QString::fromStdString(dir.file("missing.gpkg"))));
    CHECK(window.windowTitle() == title);
}

TEST_CASE("the parcel filters narrow the table", "[app]")
{
    application();
    TempDir dir;
    core::Progress progress;
    const auto dataDir = core::locateDataDir("");
    REQUIRE(core::createSampleProject(dir.file("sample.gpkg"), *dataDir, progress).ok());
    app::MainWindow window;
    REQUIRE(window.openProject(QString::fromStdString(dir.file("sample.gpkg"))));
    auto *table = window.findChild<QTableView *>(QStringLiteral("parcelTable"));
    auto *village = window.findChild<QComboBox *>(QStringLiteral("villageFilter"));
    auto *verdict = window.findChild<QComboBox *>(QStringLiteral("verdictFilter"));
    auto *search = window.findChild<QLineEdit *>(QStringLiteral("search"));
    REQUIRE(village);
    REQUIRE(verdict);
    REQUIRE(search);
    CHECK(village->count() == 9);  // all, then the sample's 8 villages
    // 黄瓜村 (500241111203) has 6 parcels, 4 of them eligible (data/sample/manifest.json).
    village->setCurrentIndex(village->findData(QStringLiteral("500241111203")));
    const int inVillage = table->model()->rowCount();
    CHECK(inVillage == 6);
    verdict->setCurrentIndex(verdict->findData(int(app::ParcelFilter::Verdict::Eligible)));
    CHECK(table->model()->rowCount() == 4);
    verdict->setCurrentIndex(0);
    village->setCurrentIndex(0);
    verdict->setCurrentIndex(verdict->findData(int(app::ParcelFilter::Verdict::Excluded)));
    CHECK(table->model()->rowCount() == 35);  // 15 slope + 20 red line
    verdict->setCurrentIndex(0);
    auto *reason = window.findChild<QComboBox *>(QStringLiteral("reasonFilter"));
    REQUIRE(reason);
    reason->setCurrentIndex(reason->findData(QStringLiteral("redline")));
    CHECK(table->model()->rowCount() == 20);
    reason->setCurrentIndex(0);
    search->setText(QStringLiteral("500241202300010001"));
    CHECK(table->model()->rowCount() == 1);
}

TEST_CASE("a stage step from the window is one command that undoes and redoes", "[app]")
{
    application();
    TempDir dir;
    core::Progress progress;
    const auto dataDir = core::locateDataDir("");
    REQUIRE(core::createSampleProject(dir.file("sample.gpkg"), *dataDir, progress).ok());
    app::ProjectSession session;
    REQUIRE_FALSE(session.open(QString::fromStdString(dir.file("sample.gpkg"))));
    int changes = 0;
    QObject::connect(&session, &app::ProjectSession::changed, [&changes] { ++changes; });
    app::ProjectSession::Step step;
    step.to = core::Stage::Selected;
    step.date = QStringLiteral("2023-04-18");
    const QStringList refusals =
        session.advance({QStringLiteral("500241202300010001"), QStringLiteral("500241202300010002"),
                         QStringLiteral("500241202300010127")},  // the last one is too steep
                        step);
    REQUIRE(refusals.size() == 1);
    CHECK(refusals.front().contains(QStringLiteral("500241202300010127")));
    CHECK(changes == 1);
    const auto stageOf = [&session](std::size_t row) { return session.rows()[row].stage; };
    CHECK(stageOf(0) == "selected");
    CHECK(stageOf(1) == "selected");
    QUndoStack *stack = session.undoStack();
    REQUIRE(stack->count() == 1);
    INFO(stack->undoText().toStdString());
    CHECK(stack->undoText() == QStringLiteral("Move 2 parcels to Selected"));
    stack->undo();
    CHECK(stageOf(0) == "candidate");
    CHECK(stageOf(1) == "candidate");
    stack->redo();
    CHECK(stageOf(0) == "selected");
    CHECK(stageOf(1) == "selected");
    // The log holds the step on both parcels as one entry (one transaction), its undo and its
    // redo; the steep parcel left no trace.
    auto log = core::readAuditLog(*session.project());
    REQUIRE(log.ok());
    std::vector<std::string> last;
    for (std::size_t i = log->size() - 3; i < log->size(); ++i)
        last.push_back(log->at(i).action);
    CHECK(last == std::vector<std::string>{"advance_many", "undo", "redo"});
    CHECK(log->at(log->size() - 3).target == "2 parcels");
}

TEST_CASE("the stage dialog offers every step and approval's accepted area", "[app]")
{
    application();
    app::AdvanceDialog dialog(3);
    auto *stage = dialog.findChild<QComboBox *>(QStringLiteral("stageCombo"));
    auto *accepted = dialog.findChild<QCheckBox *>(QStringLiteral("acceptedCheck"));
    REQUIRE(stage);
    REQUIRE(accepted);
    // 8 stages, a separator, and the 3 decisions on a village proposal.
    CHECK(stage->count() == 12);
    CHECK_FALSE(accepted->isEnabled());
    stage->setCurrentIndex(stage->findData(int(core::Stage::Approved)));
    CHECK(accepted->isEnabled());
    accepted->setChecked(true);
    dialog.findChild<QDoubleSpinBox *>(QStringLiteral("acceptedSpin"))->setValue(3.5);
    const auto step = dialog.step();
    CHECK(step.to == core::Stage::Approved);
    CHECK(step.acceptedNetCentiMu == 350);
    CHECK(step.date == QDate::currentDate().toString(Qt::ISODate));
}

TEST_CASE("the village task table edits and allocates through undoable commands", "[app]")
{
    application();
    TempDir dir;
    core::Progress progress;
    const auto dataDir = core::locateDataDir("");
    REQUIRE(core::createSampleProject(dir.file("sample.gpkg"), *dataDir, progress).ok());
    app::ProjectSession session;
    REQUIRE_FALSE(session.open(QString::fromStdString(dir.file("sample.gpkg"))));
    app::VillageTasksView view(session);
    view.show();  // a tab reloads after a change while it is on screen
    app::TaskTableModel *model = view.model();
    REQUIRE(model->rowCount() == 9);  // 8 villages and 合计
    CHECK(model->data(model->index(8, app::TaskTableModel::Task)).toString() ==
          QStringLiteral("465.17"));
    // 黄瓜村: task 30 above its potential 12.06, highlighted with the shortfall 17.94.
    CHECK(model->data(model->index(3, app::TaskTableModel::Shortfall)).toString() ==
          QStringLiteral("17.94"));
    CHECK(model->data(model->index(3, app::TaskTableModel::Task), Qt::BackgroundRole).isValid());

    REQUIRE(model->setData(model->index(3, app::TaskTableModel::Task), QStringLiteral("12.06")));
    CHECK(model->data(model->index(3, app::TaskTableModel::Task)).toString() ==
          QStringLiteral("12.06"));
    CHECK(model->data(model->index(8, app::TaskTableModel::Task)).toString() ==
          QStringLiteral("447.23"));  // 465.17 − 17.94
    CHECK_FALSE(model->setData(model->index(3, app::TaskTableModel::Task), QStringLiteral("abc")));
    session.undoStack()->undo();
    CHECK(model->data(model->index(3, app::TaskTableModel::Task)).toString() ==
          QStringLiteral("30"));

    REQUIRE_FALSE(session.allocate(core::AllocationMethod::Proportional, 0));
    CHECK(model->data(model->index(8, app::TaskTableModel::Task)).toString() ==
          QStringLiteral("465.17"));
    CHECK(model->data(model->index(0, app::TaskTableModel::Task)).toString() ==
          QStringLiteral("145.44"));  // 465.17 × 273.41 / 874.48
    session.undoStack()->undo();
    CHECK(model->data(model->index(0, app::TaskTableModel::Task)).toString() ==
          QStringLiteral("115.17"));
    // A hidden tab waits until it is shown again.
    view.hide();
    session.undoStack()->redo();
    CHECK(model->data(model->index(0, app::TaskTableModel::Task)).toString() ==
          QStringLiteral("115.17"));
    view.show();
    CHECK(model->data(model->index(0, app::TaskTableModel::Task)).toString() ==
          QStringLiteral("145.44"));
}

TEST_CASE("the payouts view shows the statement with its capital numerals", "[app]")
{
    application();
    TempDir dir;
    core::Progress progress;
    const auto dataDir = core::locateDataDir("");
    REQUIRE(core::createSampleProject(dir.file("sample.gpkg"), *dataDir, progress).ok());
    app::ProjectSession session;
    REQUIRE_FALSE(session.open(QString::fromStdString(dir.file("sample.gpkg"))));
    app::PayoutsView view(session);
    view.show();
    CHECK(view.villageTable()->rowCount() == 8);
    CHECK(view.totalLabel()->text().contains(QStringLiteral("零元整")));
    // One parcel (expected net 3.59 mu) approved: 600 × 3.59 = 2154.00 = 贰仟壹佰伍拾肆元整.
    app::ProjectSession::Step step;
    step.date = QStringLiteral("2023-09-01");
    for (const core::Stage stage :
         {core::Stage::Selected, core::Stage::Restoring, core::Stage::Planted,
          core::Stage::EvidenceSubmitted, core::Stage::Verified, core::Stage::Approved}) {
        step.to = stage;
        REQUIRE(session.advance({QStringLiteral("500241202300010001")}, step).isEmpty());
    }
    CHECK(view.villageTable()->item(0, 3)->text() == QStringLiteral("2154.00"));
    CHECK(view.totalLabel()->text().contains(QStringLiteral("贰仟壹佰伍拾肆元整")));
}

TEST_CASE("the details panel shows the selected parcel's areas, verdict and history", "[app]")
{
    application();
    TempDir dir;
    core::Progress progress;
    const auto dataDir = core::locateDataDir("");
    REQUIRE(core::createSampleProject(dir.file("sample.gpkg"), *dataDir, progress).ok());
    app::MainWindow window;
    REQUIRE(window.openProject(QString::fromStdString(dir.file("sample.gpkg"))));
    auto *table = window.findChild<QTableView *>(QStringLiteral("parcelTable"));
    auto *details = window.findChild<QTextBrowser *>(QStringLiteral("parcelDetails"));
    REQUIRE(details);
    table->selectRow(0);
    const QString text = details->toPlainText();
    CHECK(text.contains(QStringLiteral("500241202300010001")));
    CHECK(text.contains(QStringLiteral("2392.48")));  // TBMJ
    CHECK(text.contains(QStringLiteral("Eligible")));
    CHECK(text.contains(QStringLiteral("DLMC")));  // the county's attributes
}

TEST_CASE("the progress view shows each village's areas per stage", "[app]")
{
    application();
    TempDir dir;
    core::Progress progress;
    const auto dataDir = core::locateDataDir("");
    REQUIRE(core::createSampleProject(dir.file("sample.gpkg"), *dataDir, progress).ok());
    app::ProjectSession session;
    REQUIRE_FALSE(session.open(QString::fromStdString(dir.file("sample.gpkg"))));
    app::ProgressView view(session);
    view.show();
    REQUIRE(view.villageTable()->rowCount() == 8);
    app::ProjectSession::Step step;
    step.date = QStringLiteral("2023-04-18");
    step.to = core::Stage::Selected;
    REQUIRE(session.advance({QStringLiteral("500241202300010001")}, step).isEmpty());
    CHECK(view.villageTable()->item(0, 2)->text() == QStringLiteral("3.59"));  // selected
    CHECK(view.villageTable()->item(0, 3)->text() == QStringLiteral("0"));     // restoring
}

TEST_CASE("the screening dialog builds the request and the runner screens off the GUI thread",
          "[app]")
{
    application();
    QSettings().remove(QStringLiteral("screening"));
    TempDir dir;
    core::Progress progress;
    const auto dataDir = core::locateDataDir("");
    REQUIRE(core::createSampleProject(dir.file("sample.gpkg"), *dataDir, progress).ok());
    core::ProgramRules rules;
    rules.maxSlopeDeg = 20.0;
    app::ScreeningDialog dialog(rules);
    const std::string sample = std::string(GENGBAO_SOURCE_DIR) + "/data/sample/";
    dialog.addConstraint(QString::fromStdString(sample + "redline.gpkg"),
                         QStringLiteral("生态保护红线"), true);
    dialog.addConstraint(QString::fromStdString(sample + "villages.gpkg"),
                         QStringLiteral("永久基本农田"), false);
    const core::ScreeningRequest request = dialog.request();
    CHECK(request.rules.maxSlopeDeg == 20.0);  // the plan's limit by default
    REQUIRE(request.constraints.size() == 2);
    CHECK(request.constraints[1].action == core::ConstraintAction::Flag);

    const std::string path = dir.file("sample.gpkg");
    const auto outcome = app::TaskRunner::run(
        nullptr, QStringLiteral("screening"), [&](core::Progress &workProgress) {
            auto project = core::Project::open(path);
            if (!project)  // no REQUIRE off the test thread
                return app::TaskRunner::Outcome{false, {}};
            auto summary = core::screenParcels(**project, request, workProgress);
            return app::TaskRunner::Outcome{summary.ok(), QString::number(summary->eligible)};
        });
    INFO(outcome.message.toStdString());
    CHECK(outcome.ok);
    // No DEM: the slope grades decide. At a 20° limit grade 4 (15°, 25°] straddles the limit,
    // so those parcels are "slope unknown": fewer than the 351 eligible at 25° remain.
    CHECK(outcome.message.toInt() > 0);
    CHECK(outcome.message.toInt() < 351);
}

TEST_CASE("an import problem about a parcel leads to that parcel", "[app]")
{
    application();
    app::ImportSummaryDialog dialog(QStringLiteral("p.shp: 2 read, 2 imported"),
                                    {{QStringLiteral("p.shp: repaired"), QStringLiteral("P1")},
                                     {QStringLiteral("p.shp: rejected"), QString()}});
    QString chosen;
    QObject::connect(&dialog, &app::ImportSummaryDialog::parcelChosen,
                     [&chosen](const QString &id) { chosen = id; });
    auto *list = dialog.findChild<QListWidget *>(QStringLiteral("problemList"));
    REQUIRE(list);
    REQUIRE(list->count() == 2);
    emit list->itemDoubleClicked(list->item(1));  // not imported: nothing to select
    CHECK(chosen.isEmpty());
    emit list->itemDoubleClicked(list->item(0));
    CHECK(chosen == QStringLiteral("P1"));
}

TEST_CASE("the import dialog previews a file and turns changed fields into overrides", "[app]")
{
    application();
    app::ImportDialog dialog;
    const QString sample =
        QString::fromStdString(std::string(GENGBAO_SOURCE_DIR) + "/data/sample/potential_2023.shp");
    dialog.addFile(sample);
    auto *info = dialog.findChild<QLabel *>(QStringLiteral("infoLabel"));
    auto *rows = dialog.findChild<QTableWidget *>(QStringLiteral("previewTable"));
    auto *mapping = dialog.findChild<QTableWidget *>(QStringLiteral("mappingTable"));
    REQUIRE(info);
    REQUIRE(rows);
    REQUIRE(mapping);
    // The sample is GBK without .cpg: the DBF language byte (77) says so.
    CHECK(info->text().contains(QStringLiteral("GB18030")));
    CHECK(info->text().contains(QStringLiteral("386")));
    CHECK(rows->rowCount() == 5);
    // No override until a field is changed; then one for that field, for every file.
    CHECK(dialog.requests().front().fieldOverrides.empty());
    for (int row = 0; row < mapping->rowCount(); ++row) {
        if (mapping->item(row, 0)->text() == QStringLiteral("BZ")) {
            auto *box = static_cast<QComboBox *>(mapping->cellWidget(row, 1));
            box->setCurrentIndex(box->findText(QStringLiteral("DLMC")));
        }
    }
    const auto overrides = dialog.requests().front().fieldOverrides;
    REQUIRE(overrides.size() == 1);
    CHECK(overrides.at("BZ") == "DLMC");
}

TEST_CASE("the work plan dialog edits target, deadlines and rules as one undoable command", "[app]")
{
    application();
    TempDir dir;
    core::Progress progress;
    const auto dataDir = core::locateDataDir("");
    REQUIRE(core::createSampleProject(dir.file("sample.gpkg"), *dataDir, progress).ok());
    app::ProjectSession session;
    REQUIRE_FALSE(session.open(QString::fromStdString(dir.file("sample.gpkg"))));
    const std::optional<core::Plan> before = session.plan();
    REQUIRE(before);
    REQUIRE(before->restoration());
    CHECK(before->restoration()->targetMu == Approx(465.17));

    app::PlanDialog dialog(*before);
    auto *target = dialog.findChild<QDoubleSpinBox *>(QStringLiteral("targetSpin"));
    auto *subsidy = dialog.findChild<QDoubleSpinBox *>(QStringLiteral("subsidySpin"));
    auto *deadlines = dialog.findChild<QTableWidget *>(QStringLiteral("deadlinesTable"));
    REQUIRE(target);
    REQUIRE(subsidy);
    REQUIRE(deadlines);
    // The seed plan: 600 yuan per mu and four deadlines.
    CHECK(subsidy->value() == Approx(600.0));
    REQUIRE(deadlines->rowCount() == int(before->restoration()->deadlines.size()));
    target->setValue(500.25);
    subsidy->setValue(650.5);
    deadlines->item(0, 1)->setText(QStringLiteral("2023-06-15"));
    const core::Plan edited = dialog.plan();
    CHECK(edited.restoration()->rules.subsidyFenPerMu == 65050);
    CHECK(edited.restoration()->deadlines[0].dueOn == "2023-06-15");
    // Fields the dialog does not show stay as they were.
    CHECK(edited.restoration()->deadlines[0].stage == before->restoration()->deadlines[0].stage);
    CHECK(edited.town == before->town);

    REQUIRE_FALSE(session.savePlan(edited));
    CHECK(session.project()->settings().targetMu == Approx(500.25));
    CHECK(session.plan()->restoration()->rules.subsidyFenPerMu == 65050);
    CHECK(session.undoStack()->undoText() == QStringLiteral("Edit the work plan"));
    session.undoStack()->undo();
    CHECK(session.plan()->restoration()->rules.subsidyFenPerMu == 60000);
    CHECK(session.plan()->restoration()->deadlines[0].dueOn ==
          before->restoration()->deadlines[0].dueOn);

    // A date that is not a date is refused in the dialog, with core's message; nothing is saved.
    deadlines->item(0, 1)->setText(QStringLiteral("6月15日"));
    CHECK_FALSE(core::validatePlan(dialog.plan()).ok());
}

TEST_CASE("a village proposal is reviewed and approved from the stage dialog", "[app]")
{
    application();
    TempDir dir;
    core::Progress progress;
    const auto dataDir = core::locateDataDir("");
    REQUIRE(core::createSampleProject(dir.file("sample.gpkg"), *dataDir, progress).ok());
    {
        // One parcel that 黄瓜村 found itself, away from the county's parcels.
        VectorSpec spec;
        spec.fields = {{"BSM", FieldType::String, 18},
                       {"ZLDWDM", FieldType::String, 19},
                       {"GDPDJB", FieldType::String, 2}};
        spec.features.push_back(
            {squareWkt(592500, 3157500, 40),
             {std::string("OWN1"), std::string("5002411112030000000"), std::string("2")}});
        writeVector(dir.file("own.shp"), spec);
        auto project = core::Project::open(dir.file("sample.gpkg"));
        REQUIRE(project);
        core::ImportRequest request;
        request.path = dir.file("own.shp");
        request.source = core::ParcelSource::Village;
        REQUIRE(core::importParcels(**project, request, progress).ok());
        // A proposal is reviewed once screened (here by its slope grade 2: 2–6°).
        REQUIRE(core::screenParcels(**project, {}, progress).ok());
    }
    app::ProjectSession session;
    REQUIRE_FALSE(session.open(QString::fromStdString(dir.file("sample.gpkg"))));
    const auto row = [&session] {
        for (const core::ParcelRow &parcel : session.rows())
            if (parcel.id == "OWN1")
                return parcel;
        FAIL("no parcel OWN1");
        return core::ParcelRow{};
    };
    CHECK(app::ParcelTableModel::stageText(row()) == QStringLiteral("Proposed by the village"));

    // The dialog offers the proposal decisions after the stages.
    app::AdvanceDialog dialog(1);
    auto *stages = dialog.findChild<QComboBox *>(QStringLiteral("stageCombo"));
    REQUIRE(stages);
    const int reviewed = stages->findText(QStringLiteral("Reviewed by the town"));
    REQUIRE(reviewed > 0);
    stages->setCurrentIndex(reviewed);
    const app::ProjectSession::Step step = dialog.step();
    REQUIRE(step.proposal == core::Proposal::Reviewed);

    const QStringList refusals = session.advance({QStringLiteral("OWN1")}, step);
    CHECK(refusals.isEmpty());
    CHECK(row().proposal == "reviewed");
    CHECK(session.undoStack()->undoText() == QStringLiteral("Move OWN1 to Reviewed by the town"));
    // The county's approval before the town's review is refused, with core's reason.
    session.undoStack()->undo();
    CHECK(row().proposal == "proposed");
    app::ProjectSession::Step approve = step;
    approve.proposal = core::Proposal::Approved;
    const QStringList refused = session.advance({QStringLiteral("OWN1")}, approve);
    REQUIRE(refused.size() == 1);
    CHECK(row().proposal == "proposed");
}

TEST_CASE("the new project dialog proposes the CRS from the county's file", "[app]")
{
    application();
    TempDir dir;
    // A square near 108.2°E, 27.9°N written in EPSG:4490: the nearest 3-degree zone is 108°E,
    // EPSG:4545 (the zones without prefix run 4534 at 75°E to 4554 at 135°E).
    VectorSpec spec;
    spec.epsg = 4490;
    spec.fields = {{"BSM", FieldType::String, 18}};
    spec.features.push_back(
        {"POLYGON((108.2 27.9,108.201 27.9,108.201 27.901,108.2 27.901,108.2 27.9))",
         {std::string("A1")}});
    writeVector(dir.file("parcels.shp"), spec);

    app::NewProjectDialog dialog;
    auto *file = dialog.findChild<QLineEdit *>(QStringLiteral("firstFileEdit"));
    auto *crs = dialog.findChild<QLineEdit *>(QStringLiteral("crsEdit"));
    REQUIRE(file);
    REQUIRE(crs);
    file->setText(QString::fromStdString(dir.file("parcels.shp")));
    emit file->editingFinished();
    CHECK(crs->text() == QStringLiteral("EPSG:4545"));
    CHECK(dialog.settings().crsEpsg == 4545);
    CHECK(dialog.firstFile() == QString::fromStdString(dir.file("parcels.shp")));

    // A file that cannot be read leaves the CRS as it was and says why.
    file->setText(QString::fromStdString(dir.file("missing.shp")));
    emit file->editingFinished();
    CHECK(crs->text() == QStringLiteral("EPSG:4545"));
    auto *note = dialog.findChild<QLabel *>(QStringLiteral("crsNoteLabel"));
    REQUIRE(note);
    CHECK(note->text().contains(QStringLiteral("missing.shp")));
}

TEST_CASE("one vocabulary: every stage and proposal step has its name in both languages", "[app]")
{
    application();
    using report::LabelLanguage;
    // English first (no translator): the source texts.
    CHECK(report::stageLabel(core::Stage::EvidenceSubmitted) ==
          QStringLiteral("Evidence submitted"));
    CHECK(report::stageLabel("approved") == QStringLiteral("Approved"));
    CHECK(report::stageLabel("some_newer_stage") == QStringLiteral("some_newer_stage"));
    QTranslator translator;
    REQUIRE(translator.load(QStringLiteral(":/i18n/gengbao_zh_CN")));
    QApplication::installTranslator(&translator);
    QSet<QString> chinese;
    for (const core::Stage stage : core::allStages()) {
        const QString printed = report::stageLabel(stage, LabelLanguage::Chinese);
        INFO(std::string(core::stageName(stage)));
        CHECK_FALSE(printed.isEmpty());
        // The window's Chinese is the print's: one table, translated once.
        CHECK(report::stageLabel(stage) == printed);
        CHECK(report::stageLabel(core::stageName(stage)) == printed);
        chinese.insert(printed);
    }
    CHECK(chinese.size() == int(core::allStages().size()));  // no two stages share a name
    CHECK(report::stageLabel(core::Stage::Verified) == QStringLiteral("镇已核实"));
    for (const core::Proposal proposal : {core::Proposal::Proposed, core::Proposal::Reviewed,
                                          core::Proposal::Approved, core::Proposal::Rejected}) {
        CHECK(report::proposalLabel(proposal) ==
              report::proposalLabel(proposal, LabelLanguage::Chinese));
    }
    CHECK(report::proposalLabel("reviewed") == QStringLiteral("镇已审核"));
    // Every action core writes to the audit log reads in Chinese in the audit view.
    for (const char *action :
         {"import", "screen", "advance", "advance_many", "review", "review_many", "set_task",
          "save_plan", "add_layer", "propose", "undo", "redo"}) {
        INFO(action);
        const QString shown = report::actionLabel(action);
        CHECK(shown == report::actionLabel(action, LabelLanguage::Chinese));
        CHECK_FALSE(shown.contains(QRegularExpression(QStringLiteral("[A-Za-z]"))));
    }
    CHECK(report::actionLabel("advance_many") == QStringLiteral("批量推进阶段"));
    // And every target it writes.
    CHECK(report::targetLabel("parcel 500241202300010001") ==
          QStringLiteral("图斑 500241202300010001"));
    CHECK(report::targetLabel("village 500241111203") == QStringLiteral("村居 500241111203"));
    CHECK(report::targetLabel("3 parcels") == QStringLiteral("3 个图斑"));
    CHECK(report::targetLabel("batch 2") == QStringLiteral("导入批次 2"));
    CHECK(report::targetLabel("screening run 4") == QStringLiteral("第 4 次筛查"));
    CHECK(report::targetLabel("plan 1") == QStringLiteral("工作方案 1"));
    CHECK(report::targetLabel("reference layer 7") == QStringLiteral("参考图层 7"));
    CHECK(report::targetLabel("tasks of program 1") == QStringLiteral("第 1 项工作的村居任务"));
    CHECK(report::targetLabel("many parcels") == QStringLiteral("many parcels"));  // as it is
    // The map legend takes the same words.
    const auto legend =
        report::MapStyle::build({}, report::ColourBy::Stage, LabelLanguage::Chinese);
    QStringList labels;
    for (const report::StyleClass &styleClass : legend.classes())
        labels << styleClass.label;
    CHECK(labels.contains(
        report::stageLabel(core::Stage::EvidenceSubmitted, LabelLanguage::Chinese)));
    QApplication::removeTranslator(&translator);
}

TEST_CASE("a task edit, its undo and its redo leave the parcel rows as they are", "[app]")
{
    application();
    TempDir dir;
    app::ProjectSession session;
    REQUIRE_FALSE(session.open(QString::fromStdString(sampleProjectFile(dir, "sample.gpkg"))));
    std::vector<bool> touched;
    QObject::connect(
        &session, &app::ProjectSession::changed,
        [&touched](const app::SessionChange &change) { touched.push_back(change.parcels); });
    const auto rowsBefore = session.sharedRows();
    const QString village = QString::fromStdString(session.taskTable()->villages.front().code);
    REQUIRE_FALSE(session.setTask(village, 1234, std::nullopt));
    session.undoStack()->undo();
    session.undoStack()->redo();
    CHECK(touched == std::vector<bool>{false, false, false});
    CHECK(session.sharedRows() == rowsBefore);  // the same rows, not reloaded
    CHECK(session.taskTable()->villages.front().task == 1234);
    // A stage step does reload them, and says so.
    app::ProjectSession::Step step;
    step.to = core::Stage::Selected;
    step.date = QStringLiteral("2023-04-18");
    CHECK(session.advance({QStringLiteral("500241202300010001")}, step).isEmpty());
    CHECK(touched.back());
    CHECK(session.sharedRows() != rowsBefore);
    // Undoing the step after the task edit: the command found is the step, so the rows reload.
    session.undoStack()->undo();
    CHECK(touched.back());
    CHECK(session.rows().front().stage == "candidate");
}

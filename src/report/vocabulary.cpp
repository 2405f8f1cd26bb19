// SPDX-License-Identifier: GPL-3.0-or-later
#include "vocabulary.h"

#include <QCoreApplication>

namespace gengbao::report {

namespace {

constexpr const char *kContext = "Vocabulary";

// An English source text for tr() and its fixed Chinese for prints.
struct Words
{
    const char *source;
    const char *chinese;
};

Words stageWords(core::Stage stage)
{
    using S = core::Stage;
    switch (stage) {
    case S::Candidate:
        return {QT_TRANSLATE_NOOP("Vocabulary", "Candidate"), "备选"};
    case S::Selected:
        return {QT_TRANSLATE_NOOP("Vocabulary", "Selected"), "已选定"};
    case S::Restoring:
        return {QT_TRANSLATE_NOOP("Vocabulary", "Restoring"), "恢复中"};
    case S::Planted:
        return {QT_TRANSLATE_NOOP("Vocabulary", "Planted"), "已种植"};
    case S::EvidenceSubmitted:
        return {QT_TRANSLATE_NOOP("Vocabulary", "Evidence submitted"), "已举证"};
    case S::Verified:
        return {QT_TRANSLATE_NOOP("Vocabulary", "Verified by the town"), "镇已核实"};
    case S::Approved:
        return {QT_TRANSLATE_NOOP("Vocabulary", "Approved"), "已通过审核"};
    case S::Rejected:
        return {QT_TRANSLATE_NOOP("Vocabulary", "Rejected"), "已退回"};
    case S::Withdrawn:
        return {QT_TRANSLATE_NOOP("Vocabulary", "Withdrawn"), "已撤回"};
    }
    return {"", ""};
}

Words proposalWords(core::Proposal proposal)
{
    using P = core::Proposal;
    switch (proposal) {
    case P::Proposed:
        return {QT_TRANSLATE_NOOP("Vocabulary", "Proposed by the village"), "村居已提出"};
    case P::Reviewed:
        return {QT_TRANSLATE_NOOP("Vocabulary", "Reviewed by the town"), "镇已审核"};
    case P::Approved:
        return {QT_TRANSLATE_NOOP("Vocabulary", "Proposal approved by the county"),
                "县已批准自选图斑"};
    case P::Rejected:
        return {QT_TRANSLATE_NOOP("Vocabulary", "Proposal rejected"), "自选图斑未通过"};
    }
    return {"", ""};
}

struct ActionWords
{
    const char *action;
    Words words;
};

// Every action core writes to the audit log (appendAudit's callers).
constexpr ActionWords kActions[] = {
    {"import", {QT_TRANSLATE_NOOP("Vocabulary", "Import parcels"), "导入图斑"}},
    {"screen", {QT_TRANSLATE_NOOP("Vocabulary", "Screen parcels"), "筛查图斑"}},
    {"advance", {QT_TRANSLATE_NOOP("Vocabulary", "Move to stage"), "推进阶段"}},
    {"advance_many", {QT_TRANSLATE_NOOP("Vocabulary", "Move parcels to a stage"), "批量推进阶段"}},
    {"review", {QT_TRANSLATE_NOOP("Vocabulary", "Review a village proposal"), "审核自选图斑"}},
    {"review_many",
     {QT_TRANSLATE_NOOP("Vocabulary", "Review village proposals"), "批量审核自选图斑"}},
    {"set_task", {QT_TRANSLATE_NOOP("Vocabulary", "Change tasks"), "修改任务"}},
    {"save_plan", {QT_TRANSLATE_NOOP("Vocabulary", "Change the work plan"), "修改工作方案"}},
    {"add_layer", {QT_TRANSLATE_NOOP("Vocabulary", "Add a reference layer"), "添加参考图层"}},
    {"propose", {QT_TRANSLATE_NOOP("Vocabulary", "Draw a village proposal"), "绘制村居自选图斑"}},
    {"undo", {QT_TRANSLATE_NOOP("Vocabulary", "Undo"), "撤销"}},
    {"redo", {QT_TRANSLATE_NOOP("Vocabulary", "Redo"), "重做"}},
};

QString label(const Words &words, LabelLanguage language)
{
    return language == LabelLanguage::Chinese ? QString::fromUtf8(words.chinese)
                                              : QCoreApplication::translate(kContext, words.source);
}

}  // namespace

QString stageLabel(core::Stage stage, LabelLanguage language)
{
    return label(stageWords(stage), language);
}

QString proposalLabel(core::Proposal proposal, LabelLanguage language)
{
    return label(proposalWords(proposal), language);
}

QString stageLabel(std::string_view name, LabelLanguage language)
{
    const auto stage = core::parseStage(name);
    return stage ? stageLabel(*stage, language)
                 : QString::fromUtf8(name.data(), qsizetype(name.size()));
}

QString actionLabel(std::string_view action, LabelLanguage language)
{
    for (const ActionWords &entry : kActions) {
        if (action == entry.action)
            return label(entry.words, language);
    }
    return QString::fromUtf8(action.data(), qsizetype(action.size()));
}

QString targetLabel(std::string_view target)
{
    struct Prefix
    {
        std::string_view text;
        const char *source;
    };
    static constexpr Prefix kPrefixes[] = {
        {"parcel ", QT_TRANSLATE_NOOP("Vocabulary", "Parcel %1")},
        {"village ", QT_TRANSLATE_NOOP("Vocabulary", "Village %1")},
        {"batch ", QT_TRANSLATE_NOOP("Vocabulary", "Import batch %1")},
        {"screening run ", QT_TRANSLATE_NOOP("Vocabulary", "Screening run %1")},
        {"plan ", QT_TRANSLATE_NOOP("Vocabulary", "Work plan %1")},
        {"reference layer ", QT_TRANSLATE_NOOP("Vocabulary", "Reference layer %1")},
        {"tasks of program ", QT_TRANSLATE_NOOP("Vocabulary", "Village tasks of program %1")},
    };
    const QString whole = QString::fromUtf8(target.data(), qsizetype(target.size()));
    for (const Prefix &prefix : kPrefixes) {
        if (target.substr(0, prefix.text.size()) == prefix.text) {
            const std::string_view rest = target.substr(prefix.text.size());
            return QCoreApplication::translate(kContext, prefix.source)
                .arg(QString::fromUtf8(rest.data(), qsizetype(rest.size())));
        }
    }
    constexpr std::string_view kParcels = " parcels";  // "3 parcels", a step on many
    if (target.size() > kParcels.size() &&
        target.substr(target.size() - kParcels.size()) == kParcels) {
        bool isNumber = false;
        const int count = whole.left(whole.size() - int(kParcels.size())).toInt(&isNumber);
        if (isNumber)
            return QCoreApplication::translate("Vocabulary", "%n parcels", nullptr, count);
    }
    return whole;
}

QString proposalLabel(std::string_view name, LabelLanguage language)
{
    const auto proposal = core::parseProposal(name);
    return proposal ? proposalLabel(*proposal, language)
                    : QString::fromUtf8(name.data(), qsizetype(name.size()));
}

}  // namespace gengbao::report

#include "views/labnotes.h"

#include "views/labstyle.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>

namespace attn {

namespace {

// The context is "attn": lupdate files a free function's tr() calls under the enclosing namespace, and the
// lookup must use the context the .ts file has, or the text stays English.
QString tr(const char* text)
{
    return QCoreApplication::translate("attn", text);
}

// Scores closer than this are a tie: argmax then picks the first, as core/normaliser.cpp does.
constexpr double kTie = 1e-12;

} // namespace

std::pair<int, int> localWindow(const NormaliserOptions& options, int n)
{
    const double p = std::clamp(options.centre, 0.0, double(n - 1));
    int lo = int(std::max(0.0, std::ceil(p - options.halfWidth)));
    int hi = int(std::min(double(n - 1), std::floor(p + options.halfWidth)));
    if (lo > hi) {
        lo = hi = int(std::lround(p));
    }
    return {lo, hi};
}

QStringList labNotes(const ScoreRun& run, const LabVectors& vectors, NormaliserKind kind,
                     const NormaliserOptions& options, const ScoreParams* params)
{
    QStringList notes;
    const int n = int(run.scores.size());
    if (n == 0) {
        return notes;
    }
    if (params && run.function == ScoreFunction::ConcatLinear &&
        params->concatW.size() == vectors.query.size() + vectors.keys.cols()) {
        const double shared = params->concatW.head(vectors.query.size()).dot(vectors.query) + params->concatBias;
        notes << tr("= (w_qᵀq + b) + w_kᵀkᵢ: the q part (%1) is the same for every key; softmax cancels it.")
                     .arg(formatLabNumber(shared));
    }
    if (params && run.function == ScoreFunction::ConcatTanh) {
        notes << tr("The notes' rule 2: additive with v = 1.");
    }
    if (params && run.function == ScoreFunction::Additive) {
        notes << tr("= Luong's concat vᵀtanh(W[q; k]).");
    }
    if (run.function == ScoreFunction::Cosine) {
        if (vectors.query.norm() == 0.0) {
            notes << tr("‖q‖ = 0: every cosine := 0.");
        } else {
            for (int i = 0; i < n; ++i) {
                if (vectors.keys.row(i).norm() == 0.0) {
                    notes << tr("k%1 has length 0: cosine := 0.").arg(i);
                }
            }
        }
    }
    if (run.function == ScoreFunction::Location) {
        notes << tr("Scores positions only: moving a key changes nothing.");
    }
    const double top = run.scores.maxCoeff();
    const double range = top - run.scores.minCoeff();
    QStringList tied;
    for (int i = 0; i < n; ++i) {
        if (top - run.scores(i) <= kTie) {
            tied << QStringLiteral("k%1").arg(i);
        }
    }
    if (n == 1) {
        notes << tr("One key: there is nothing to choose between.");
    } else if (kind == NormaliserKind::Softmax && range <= kTie) {
        notes << tr("All scores equal: every key gets 1/%1.").arg(n);
    } else if (kind == NormaliserKind::Hard && tied.size() > 1) {
        notes << tr("Tie %1: argmax takes the first.").arg(tied.join(QStringLiteral(" = ")));
    }
    if (kind == NormaliserKind::SampledHard) {
        notes << tr("Drawn from softmax(s / T) with seed %1.").arg(options.seed);
    }
    if (kind == NormaliserKind::Local) {
        const auto [lo, hi] = localWindow(options, n);
        const bool clipped = options.centre - options.halfWidth < 0 || options.centre + options.halfWidth > n - 1;
        notes << (clipped ? tr("Window k%1…k%2 (clipped).") : tr("Window k%1…k%2."))
                     .arg(lo)
                     .arg(hi);
        if (!options.renormaliseLocal) {
            notes << tr("Σ a = %1 (Gaussian, not renormalised).").arg(formatLabNumber(run.weights.sum()));
        }
    }
    return notes;
}

QString normaliserDescription(NormaliserKind kind, const NormaliserOptions& options)
{
    const QString t = formatLabNumber(options.temperature);
    switch (kind) {
    case NormaliserKind::Softmax: return tr("soft: a = softmax(s / T), T = %1").arg(t);
    case NormaliserKind::Hard: return tr("hard: a = one-hot(argmax s)");
    case NormaliserKind::SampledHard:
        return tr("hard, sampled: one-hot on i ~ softmax(s / T), T = %1, seed %2").arg(t).arg(options.seed);
    case NormaliserKind::Local:
        return tr("local: softmax(s / T) in the window p ± D, times exp(−(i − p)² / (2 (D/2)²)); p = %1, D = %2, "
                  "T = %3")
            .arg(formatLabNumber(options.centre, 1))
            .arg(options.halfWidth)
            .arg(t);
    }
    return {};
}

} // namespace attn

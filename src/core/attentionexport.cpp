#include "core/attentionexport.h"

#include "core/attentionjson.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSaveFile>
#include <QtEndian>

#include <cstring>
#include <stdexcept>

namespace attn {

namespace {

[[noreturn]] void fail(const QString& what)
{
    throw std::invalid_argument(what.toStdString());
}

QByteArray csvField(const QString& s)
{
    if (!s.contains(QLatin1Char(',')) && !s.contains(QLatin1Char('"')) && !s.contains(QLatin1Char('\n')) &&
        !s.contains(QLatin1Char('\r'))) {
        return s.toUtf8();
    }
    QString quoted = s;
    quoted.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return '"' + quoted.toUtf8() + '"';
}

void writeFile(const QString& path, const QByteArray& bytes)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        fail(QStringLiteral("%1: cannot write the file (%2)").arg(path, file.errorString()));
    }
}

} // namespace

QByteArray attentionSetToCsv(const AttentionSet& set)
{
    QByteArray out = "block,layer,head,query,query_token,key,key_token,weight\n";
    for (const auto& b : set.blocks) {
        QList<QByteArray> queries, keys;
        for (int q = 0; q < b.queries; ++q) {
            queries << csvField(b.queryLabels.value(q));
        }
        for (int k = 0; k < b.keys; ++k) {
            keys << csvField(b.keyLabels.value(k, QString::number(k)));
        }
        const QByteArray name = csvField(b.name);
        for (int l = 0; l < b.layers; ++l) {
            for (int h = 0; h < b.heads; ++h) {
                const QByteArray prefix =
                    name + ',' + QByteArray::number(b.layerNumber(l)) + ',' + QByteArray::number(h) + ',';
                for (int q = 0; q < b.queries; ++q) {
                    const QByteArray row = prefix + QByteArray::number(q) + ',' + queries[q] + ',';
                    for (int k = 0; k < b.keys; ++k) {
                        out += row + QByteArray::number(k) + ',' + keys[k] + ',' +
                               QByteArray::number(double(b.at(l, h, q, k)), 'g', 9) + '\n';
                    }
                }
            }
        }
    }
    return out;
}

QByteArray blockToNpy(const AttentionBlock& block)
{
    // Header: magic, version 1.0, little-endian header length, a Python dict literal padded so the data
    // starts on a 64-byte boundary, as NumPy writes it.
    QByteArray header = QStringLiteral("{'descr': '<f4', 'fortran_order': False, 'shape': (%1, %2, %3, %4), }")
                            .arg(block.layers)
                            .arg(block.heads)
                            .arg(block.queries)
                            .arg(block.keys)
                            .toLatin1();
    const int preamble = 10;
    const int total = int((preamble + header.size() + 1 + 63) / 64 * 64);
    header += QByteArray(total - preamble - header.size() - 1, ' ');
    header += '\n';
    QByteArray out("\x93NUMPY\x01\x00", 8);
    const quint16 len = qToLittleEndian(quint16(header.size()));
    out.append(reinterpret_cast<const char*>(&len), 2);
    out += header;
    const std::size_t offset = std::size_t(out.size());
    out.resize(qsizetype(offset + block.weights.size() * sizeof(float)));
    char* dst = out.data() + offset;
    for (std::size_t i = 0; i < block.weights.size(); ++i) {
        const float le = qToLittleEndian(block.weights[i]);
        std::memcpy(dst + i * sizeof(float), &le, sizeof(float));
    }
    return out;
}

NpyArray npyFromBytes(const QByteArray& bytes)
{
    if (bytes.size() < 10 || !bytes.startsWith(QByteArray("\x93NUMPY", 6))) {
        fail(QStringLiteral("not a .npy file (no \\x93NUMPY magic)"));
    }
    const int major = quint8(bytes[6]);
    qsizetype headerLen = 0, start = 0;
    if (major == 1) {
        headerLen = qFromLittleEndian<quint16>(bytes.constData() + 8);
        start = 10;
    } else if (major == 2 || major == 3) {
        if (bytes.size() < 12) {
            fail(QStringLiteral(".npy header truncated"));
        }
        headerLen = qsizetype(qFromLittleEndian<quint32>(bytes.constData() + 8));
        start = 12;
    } else {
        fail(QStringLiteral(".npy format version %1 is not supported").arg(major));
    }
    if (start + headerLen > bytes.size()) {
        fail(QStringLiteral(".npy header longer than the file"));
    }
    const QString header = QString::fromLatin1(bytes.mid(start, headerLen));
    if (!header.contains(QLatin1String("'descr': '<f4'")) || !header.contains(QLatin1String("'fortran_order': False"))) {
        fail(QStringLiteral(".npy array is not little-endian float32 in C order: %1").arg(header.trimmed()));
    }
    const int open = int(header.indexOf(QLatin1String("'shape': (")));
    const int close = int(header.indexOf(QLatin1Char(')'), open));
    if (open < 0 || close < 0) {
        fail(QStringLiteral(".npy header has no shape: %1").arg(header.trimmed()));
    }
    NpyArray array;
    std::size_t count = 1;
    const QString dims = header.mid(open + 10, close - open - 10);
    for (const auto& d : dims.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        bool ok = false;
        const int n = d.trimmed().toInt(&ok);
        if (!ok || n < 0) {
            fail(QStringLiteral(".npy shape '(%1)' is not a list of sizes").arg(dims));
        }
        array.shape.push_back(n);
        count *= std::size_t(n);
    }
    const qsizetype dataStart = start + headerLen;
    if (bytes.size() - dataStart != qsizetype(count * sizeof(float))) {
        fail(QStringLiteral(".npy holds %1 data bytes for a shape of %2 floats").arg(bytes.size() - dataStart).arg(count));
    }
    array.data.resize(count);
    for (std::size_t i = 0; i < count; ++i) {
        array.data[i] = qFromLittleEndian<float>(bytes.constData() + dataStart + qsizetype(i * sizeof(float)));
    }
    return array;
}

QStringList exportAttentionSet(const AttentionSet& set, const QString& path)
{
    const QFileInfo info(path);
    const QString ext = info.suffix().toLower();
    if (ext == QLatin1String("json")) {
        writeFile(path, QJsonDocument(attentionSetToJson(set)).toJson(QJsonDocument::Compact));
        return {path};
    }
    if (ext == QLatin1String("csv")) {
        writeFile(path, attentionSetToCsv(set));
        return {path};
    }
    if (ext != QLatin1String("npy")) {
        fail(QStringLiteral("%1: unknown format (use .json, .csv or .npy)").arg(path));
    }
    if (set.blocks.empty()) {
        fail(QStringLiteral("%1: the attention set has no blocks to write").arg(path));
    }
    if (set.blocks.size() == 1) {
        writeFile(path, blockToNpy(set.blocks.front()));
        return {path};
    }
    QStringList written;
    for (const auto& b : set.blocks) {
        const QString file = info.dir().filePath(info.completeBaseName() + QLatin1Char('_') + b.name + ".npy");
        writeFile(file, blockToNpy(b));
        written << file;
    }
    return written;
}

QString attentionSetExportFilter()
{
    return QCoreApplication::translate("attn::AttentionExport",
                                       "JSON (*.json);;CSV, one weight per line (*.csv);;NumPy array, one per block "
                                       "(*.npy)");
}

} // namespace attn

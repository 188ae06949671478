#pragma once

#include <QJsonValue>
#include <QString>
#include <vector>

namespace attn::tok {

// What a tokenizer adds around one or two encoded sequences ([CLS] A [SEP] B [SEP], <s> A </s>, BOS A, ...):
// Hugging Face's TemplateProcessing, BertProcessing and RobertaProcessing as one template.
class PostProcessor
{
public:
    struct Item
    {
        int sequence = -1;    // 0 = A, 1 = B; -1 for a special token
        std::vector<int> ids; // the special token's ids
        std::vector<QString> tokens;
        int typeId = 0;
    };

    // Special (token, id) pairs before and after one sequence; for two, prefix A suffix B suffix (RoBERTa: between
    // the two, suffix twice), B's type id typeIdB.
    static PostProcessor surround(const std::vector<std::pair<QString, int>>& prefix,
                                  const std::vector<std::pair<QString, int>>& suffix, bool doubleMiddle = false,
                                  int typeIdB = 1);
    // A tokenizer.json "post_processor" value (null for none). Throws TokenizerError naming where.
    static PostProcessor fromJson(const QJsonValue& value, const QString& where);

    bool isEmpty() const { return m_single.empty(); }
    const std::vector<Item>& single() const { return m_single; }
    const std::vector<Item>& pair() const { return m_pair; }

private:
    void readJson(const QJsonValue& value, const QString& where, int depth);

    std::vector<Item> m_single;
    std::vector<Item> m_pair;
};

} // namespace attn::tok

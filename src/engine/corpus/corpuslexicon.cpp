#include "engine/corpus/corpuslexicon.h"

#include <cstring>

namespace attn::corpus {

namespace {
constexpr bool M = false;
constexpr bool F = true;
constexpr NounClass A = NounClass::Animal;
constexpr NounClass P = NounClass::Place;
constexpr NounClass V = NounClass::Vehicle;
constexpr NounClass O = NounClass::Object;
constexpr NounClass I = NounClass::Institution;
} // namespace

const std::vector<Noun>& nouns()
{
    static const std::vector<Noun> kNouns = {
        {"animal", "animal", M, A},      {"dog", "chien", M, A},        {"cat", "chat", M, A},
        {"cow", "vache", F, A},          {"horse", "cheval", M, A},     {"mouse", "souris", F, A},
        {"bird", "oiseau", M, A},        {"duck", "canard", M, A},      {"goat", "chèvre", F, A},
        {"sheep", "mouton", M, A},       {"fox", "renard", M, A},       {"turtle", "tortue", F, A},
        {"rabbit", "lapin", M, A},       {"hen", "poule", F, A},        {"lion", "lion", M, A},
        {"owl", "chouette", F, A},       {"bee", "abeille", F, A},      {"snake", "serpent", M, A},
        {"frog", "grenouille", F, A},    {"giraffe", "girafe", F, A},   {"elephant", "éléphant", M, A},
        {"ant", "fourmi", F, A},
        {"street", "rue", F, P},         {"road", "route", F, P},       {"river", "rivière", F, P},
        {"bridge", "pont", M, P},        {"square", "place", F, P},     {"avenue", "avenue", F, P},
        {"path", "chemin", M, P},        {"field", "champ", M, P},      {"canal", "canal", M, P},
        {"highway", "autoroute", F, P},  {"park", "parc", M, P},        {"garden", "jardin", M, P},
        {"forest", "forêt", F, P},
        {"car", "voiture", F, V},        {"truck", "camion", M, V},     {"bus", "bus", M, V},
        {"bike", "vélo", M, V},          {"train", "train", M, V},      {"boat", "bateau", M, V},
        {"tractor", "tracteur", M, V},   {"van", "camionnette", F, V},  {"motorbike", "moto", F, V},
        {"taxi", "taxi", M, V},          {"plane", "avion", M, V},      {"ambulance", "ambulance", F, V},
        {"box", "boîte", F, O},          {"ball", "ballon", M, O},      {"table", "table", F, O},
        {"chair", "chaise", F, O},       {"bag", "sac", M, O},          {"book", "livre", M, O},
        {"lamp", "lampe", F, O},         {"bottle", "bouteille", F, O}, {"piano", "piano", M, O},
        {"stone", "pierre", F, O},       {"suitcase", "valise", F, O},  {"sofa", "canapé", M, O},
        {"fridge", "frigo", M, O},       {"barrel", "tonneau", M, O},   {"crate", "caisse", F, O},
        {"area", "zone", F, I},          {"bank", "banque", F, I},      {"market", "marché", M, I},
        {"council", "conseil", M, I},    {"union", "union", F, I},      {"agreement", "accord", M, I},
        {"parliament", "parlement", M, I}, {"policy", "politique", F, I}, {"court", "cour", F, I},
        {"committee", "comité", M, I},   {"commission", "commission", F, I}, {"system", "système", M, I},
        {"agency", "agence", F, I},
    };
    return kNouns;
}

const std::vector<Adjective>& predicateAdjectives()
{
    static const std::vector<Adjective> kAdjectives = {
        {"tired", "fatigué", "fatiguée"},   {"scared", "effrayé", "effrayée"},
        {"slow", "lent", "lente"},          {"old", "vieux", "vieille"},
        {"weak", "faible", "faible"},       {"small", "petit", "petite"},
        {"lazy", "paresseux", "paresseuse"}, {"distracted", "distrait", "distraite"},
        {"wide", "large", "large"},         {"busy", "animé", "animée"},
        {"long", "long", "longue"},         {"dangerous", "dangereux", "dangereuse"},
        {"fast", "rapide", "rapide"},       {"powerful", "puissant", "puissante"},
        {"clever", "malin", "maligne"},     {"heavy", "lourd", "lourde"},
        {"big", "grand", "grande"},
    };
    return kAdjectives;
}

const std::vector<Adjective>& sizeAdjectives()
{
    static const std::vector<Adjective> kAdjectives = {
        {"big", "grand", "grande", true},
        {"small", "petit", "petite", true},
    };
    return kAdjectives;
}

const std::vector<Adjective>& colourAdjectives()
{
    static const std::vector<Adjective> kAdjectives = {
        {"red", "rouge", "rouge"},   {"black", "noir", "noire"}, {"white", "blanc", "blanche"},
        {"green", "vert", "verte"},  {"grey", "gris", "grise"},  {"brown", "brun", "brune"},
        {"blue", "bleu", "bleue"},   {"yellow", "jaune", "jaune"},
    };
    return kAdjectives;
}

const std::vector<Adjective>& institutionAdjectives()
{
    static const std::vector<Adjective> kAdjectives = {
        {"european", "européen", "européenne"}, {"economic", "économique", "économique"},
        {"central", "central", "centrale"},     {"national", "national", "nationale"},
        {"social", "social", "sociale"},        {"agricultural", "agricole", "agricole"},
        {"monetary", "monétaire", "monétaire"}, {"public", "public", "publique"},
        {"federal", "fédéral", "fédérale"},     {"common", "commun", "commune"},
        {"financial", "financier", "financière"}, {"regional", "régional", "régionale"},
    };
    return kAdjectives;
}

const std::vector<CorefFrame>& corefFrames()
{
    // An adjective always points to the same role (tired: the one who acts; wide: the one acted upon), so the
    // role is learnable; which noun fills that role, and so the pronoun's gender, must be read from the sentence.
    static const std::vector<CorefFrame> kFrames = {
        {"cross", false, "traversé", A, P, {"tired", "scared", "old"}, {"wide", "busy", "long", "dangerous"}},
        {"carry", true, "porter", V, O, {"weak", "small", "old"}, {"heavy", "big"}},
        {"overtake", false, "dépassé", A, A, {"slow", "tired"}, {"fast", "powerful"}},
        {"overtake", false, "dépassé", V, V, {"slow", "old"}, {"fast", "powerful"}},
        {"catch", true, "attraper", A, A, {"slow", "lazy", "tired"}, {"fast", "clever"}},
        {"follow", false, "suivi", A, A, {"lazy", "distracted"}, {"fast", "dangerous"}},
    };
    return kFrames;
}

const std::vector<Verb>& transitiveVerbs()
{
    static const std::vector<Verb> kVerbs = {
        {"sees", "voit"},       {"likes", "aime"},    {"follows", "suit"}, {"watches", "regarde"},
        {"pushes", "pousse"},   {"finds", "trouve"},  {"hears", "entend"}, {"chases", "chasse"},
    };
    return kVerbs;
}

const std::vector<Verb>& institutionVerbs()
{
    static const std::vector<Verb> kVerbs = {
        {"supports", "soutient"}, {"rejects", "rejette"}, {"funds", "finance"},
        {"controls", "contrôle"}, {"joins", "rejoint"},
    };
    return kVerbs;
}

const Noun* findNoun(const std::string& en)
{
    for (const auto& n : nouns()) {
        if (en == n.en) {
            return &n;
        }
    }
    return nullptr;
}

const Adjective* findPredicate(const std::string& en)
{
    for (const auto& a : predicateAdjectives()) {
        if (en == a.en) {
            return &a;
        }
    }
    return nullptr;
}

std::vector<const Noun*> nounsOf(NounClass cls)
{
    std::vector<const Noun*> out;
    for (const auto& n : nouns()) {
        if (n.cls == cls) {
            out.push_back(&n);
        }
    }
    return out;
}

const std::vector<std::string>& fixedSourceWords()
{
    static const std::vector<std::string> kWords = {"the", "didn't", "couldn't", "because", "it", "was", "too",
                                                    "is", "we", "like", "and", "while", "."};
    return kWords;
}

const std::vector<std::string>& fixedTargetWords()
{
    static const std::vector<std::string> kWords = {"le",   "la",    "l'",    "ne",   "n'",   "a",     "pas",
                                                    "pu",   "parce", "que",   "qu'",  "il",   "elle",  "était",
                                                    "trop", "est",   "nous",  "aimons", "et", "pendant", "."};
    return kWords;
}

} // namespace attn::corpus

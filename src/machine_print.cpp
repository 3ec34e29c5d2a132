// Readable one-line forms of messages and effects, for tests and debugging,
// e.g. AcceptAll{now_ms=1700000000000}, LoadCategory{analytics}.
#include <cstdio>
#include <ostream>
#include <sstream>
#include <type_traits>

#include "kjeks/machine.hpp"

namespace kjeks {

namespace {

// A free text in double quotes, with quotes, backslashes and control
// characters escaped so the result stays on one line.
struct Quoted {
    const std::string& text;
};

std::ostream& operator<<(std::ostream& os, const Quoted& q) {
    os << '"';
    for (char c : q.text) {
        const auto byte = static_cast<unsigned char>(c);
        switch (c) {
            case '"': os << "\\\""; break;
            case '\\': os << "\\\\"; break;
            case '\n': os << "\\n"; break;
            case '\r': os << "\\r"; break;
            case '\t': os << "\\t"; break;
            default:
                if (byte < 0x20 || byte == 0x7f) {
                    char buf[8];
                    std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned>(byte));
                    os << buf;
                } else {
                    os << c;
                }
        }
    }
    return os << '"';
}

const char* bool_text(bool value) { return value ? "true" : "false"; }

const char* opener_text(msg::Opener opener) {
    switch (opener) {
        case msg::Opener::Banner: return "Banner";
        case msg::Opener::Icon: return "Icon";
        case msg::Opener::Api: return "Api";
    }
    return "?";
}

const char* focus_text(fx::Focus focus) {
    switch (focus) {
        case fx::Focus::Dialog: return "Dialog";
        case fx::Focus::Icon: return "Icon";
        case fx::Focus::BannerSettings: return "BannerSettings";
        case fx::Focus::Previous: return "Previous";
    }
    return "?";
}

struct MsgPrinter {
    std::ostream& os;

    void operator()(const msg::Start& m) const {
        os << "Start{stored=";
        if (m.stored) {
            os << Quoted{*m.stored};
        } else {
            os << "none";
        }
        os << ", now_ms=" << m.now_ms << ", gpc=" << bool_text(m.gpc) << ", lang=" << m.lang
           << ", fresh_id=" << m.fresh_id;
        if (m.beacon_present) os << ", beacon_present=" << bool_text(true);
        os << '}';
    }
    void operator()(const msg::AcceptAll& m) const { os << "AcceptAll{now_ms=" << m.now_ms << '}'; }
    void operator()(const msg::DeclineAll& m) const { os << "DeclineAll{now_ms=" << m.now_ms << '}'; }
    void operator()(const msg::OpenSettings& m) const {
        os << "OpenSettings{opener=" << opener_text(m.opener) << '}';
    }
    void operator()(const msg::Toggle& m) const {
        os << "Toggle{" << m.category << ", on=" << bool_text(m.on) << '}';
    }
    void operator()(const msg::ToggleService& m) const {
        os << "ToggleService{" << m.service << ", on=" << bool_text(m.on) << '}';
    }
    void operator()(const msg::Save& m) const { os << "Save{now_ms=" << m.now_ms << '}'; }
    void operator()(const msg::Close&) const { os << "Close{}"; }
    void operator()(const msg::Grant& m) const {
        os << "Grant{" << m.category << ", now_ms=" << m.now_ms << '}';
    }
    void operator()(const msg::GrantService& m) const {
        os << "GrantService{" << m.service << ", now_ms=" << m.now_ms << '}';
    }
    void operator()(const msg::StorageChanged& m) const {
        os << "StorageChanged{stored=";
        if (m.stored) {
            os << Quoted{*m.stored};
        } else {
            os << "none";
        }
        os << ", now_ms=" << m.now_ms;
        print_fresh_id(m.fresh_id);
        os << '}';
    }
    void operator()(const msg::TimePassed& m) const {
        os << "TimePassed{now_ms=" << m.now_ms;
        print_fresh_id(m.fresh_id);
        os << '}';
    }
    void print_fresh_id(const std::string& id) const {
        if (!id.empty()) os << ", fresh_id=" << id;
    }
};

struct EffectPrinter {
    std::ostream& os;

    void operator()(const fx::ShowIcon&) const { os << "ShowIcon{}"; }
    void operator()(const fx::ShowBanner&) const { os << "ShowBanner{}"; }
    void operator()(const fx::HideBanner&) const { os << "HideBanner{}"; }
    void operator()(const fx::ShowDialog&) const { os << "ShowDialog{}"; }
    void operator()(const fx::HideDialog&) const { os << "HideDialog{}"; }
    void operator()(const fx::WriteRecord& e) const {
        os << "WriteRecord{text=" << Quoted{e.text} << '}';
    }
    void operator()(const fx::LoadCategory& e) const { os << "LoadCategory{" << e.category << '}'; }
    void operator()(const fx::StopCategory& e) const { os << "StopCategory{" << e.category << '}'; }
    void operator()(const fx::LoadService& e) const { os << "LoadService{" << e.service << '}'; }
    void operator()(const fx::StopService& e) const { os << "StopService{" << e.service << '}'; }
    void operator()(const fx::SyncToggles&) const { os << "SyncToggles{}"; }
    void operator()(const fx::InjectBeacon&) const { os << "InjectBeacon{}"; }
    void operator()(const fx::RestartBeacon&) const { os << "RestartBeacon{}"; }
    void operator()(const fx::StopBeacon&) const { os << "StopBeacon{}"; }
    void operator()(const fx::SendProof& e) const {
        os << "SendProof{endpoint=" << e.endpoint << ", json=" << Quoted{e.json} << '}';
    }
    void operator()(const fx::EmitChange&) const { os << "EmitChange{}"; }
    void operator()(const fx::MoveFocus& e) const {
        os << "MoveFocus{" << focus_text(e.target) << (e.only_if_lost ? ", only_if_lost" : "") << '}';
    }
};

}  // namespace

std::ostream& operator<<(std::ostream& os, const Msg& msg) {
    std::visit(MsgPrinter{os}, msg);
    return os;
}

std::ostream& operator<<(std::ostream& os, const Effect& effect) {
    std::visit(EffectPrinter{os}, effect);
    return os;
}

std::string to_string(const Msg& msg) {
    std::ostringstream os;
    os << msg;
    return os.str();
}

std::string to_string(const Effect& effect) {
    std::ostringstream os;
    os << effect;
    return os.str();
}

}  // namespace kjeks

//! The "new endpoint" form. Every field is checked as it is typed; the Start
//! button stays disabled until the form is valid, so nothing bad is ever sent.

use egui::RichText;

use super::{Action, style};
use crate::net::{EndpointKind, EndpointSpec, OptValue, OptionRequest, Phase, ReplyMode, SockOpt, parse_host_port};

/// Options offered before bind/connect (the rest can be changed live).
const PRE_OPTIONS: [SockOpt; 9] = [
    SockOpt::ReuseAddr,
    SockOpt::ReusePort,
    SockOpt::V6Only,
    SockOpt::NoDelay,
    SockOpt::KeepAlive,
    SockOpt::RcvBuf,
    SockOpt::SndBuf,
    SockOpt::Linger,
    SockOpt::Broadcast,
];

#[derive(Clone, Debug)]
pub struct OptionField {
    pub opt: SockOpt,
    pub enabled: bool,
    pub value: String,
}

#[derive(Clone, Debug)]
pub struct Form {
    pub kind: EndpointKind,
    pub name: String,
    pub host: String,
    pub port: String,
    /// Unix kinds: the socket path. UDP: unused.
    pub path: String,
    /// UDP / Unix datagram: an optional default peer to connect() to.
    pub peer: String,
    pub reply: ReplyMode,
    pub options: Vec<OptionField>,
}

/// Which field a problem belongs to, so it is shown right there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Name,
    Host,
    Port,
    Path,
    Peer,
    Option(SockOpt),
}

impl Form {
    /// A client form aimed at a running server: what a student wants next.
    pub fn client_of(kind: EndpointKind, default_name: String, server: &crate::net::Addr) -> Form {
        let mut f = Form::new(kind, default_name);
        match server {
            crate::net::Addr::Inet(a) => {
                let ip = if a.ip().is_unspecified() { "127.0.0.1".to_string() } else { a.ip().to_string() };
                f.host = ip;
                f.port = a.port().to_string();
            }
            crate::net::Addr::Unix(p) => f.path = p.clone(),
            crate::net::Addr::Unnamed => {}
        }
        f
    }

    pub fn new(kind: EndpointKind, default_name: String) -> Form {
        let port = match kind {
            EndpointKind::TcpServer | EndpointKind::TcpClient => "9000",
            _ => "9001",
        };
        let options = PRE_OPTIONS
            .iter()
            .map(|&opt| OptionField { opt, enabled: false, value: opt.default_value().to_string() })
            .map(|mut f| {
                if let OptValue::Bool(_) = f.opt.default_value() {
                    f.value = "on".into();
                }
                if let OptValue::Linger(Some(s)) = f.opt.default_value() {
                    f.value = s.to_string();
                }
                f
            })
            .collect();
        Form {
            kind,
            name: default_name,
            host: "127.0.0.1".into(),
            port: port.into(),
            path: std::env::temp_dir().join("socklab.sock").display().to_string(),
            peer: String::new(),
            reply: if kind.is_server() { ReplyMode::Echo } else { ReplyMode::None },
            options,
        }
    }

    fn ipv6(&self) -> bool {
        self.host.trim().contains(':')
    }

    /// The address string the engine expects: host:port, or a path.
    fn address(&self) -> String {
        if self.kind.is_unix() {
            self.path.trim().to_string()
        } else if self.ipv6() {
            format!("[{}]:{}", self.host.trim().trim_start_matches('[').trim_end_matches(']'), self.port.trim())
        } else {
            format!("{}:{}", self.host.trim(), self.port.trim())
        }
    }

    /// The spec to open, or every problem with the field it belongs to.
    pub fn validate(&self) -> Result<EndpointSpec, Vec<(Field, String)>> {
        let mut errors = Vec::new();
        if self.name.trim().is_empty() {
            errors.push((Field::Name, "give the endpoint a name".to_string()));
        }
        if self.kind.is_unix() {
            if self.path.trim().is_empty() && self.kind != EndpointKind::UnixDatagram {
                errors.push((Field::Path, "the socket path is empty".into()));
            } else if self.path.len() > 100 {
                errors.push((Field::Path, "Unix socket paths must be shorter than 108 bytes".into()));
            }
        } else {
            let host = self.host.trim();
            if host.is_empty() {
                errors.push((Field::Host, "the host is empty: e.g. 127.0.0.1".into()));
            } else if host.contains(char::is_whitespace) {
                errors.push((Field::Host, format!("'{host}' contains spaces")));
            }
            if let Err(e) = crate::net::Addr::parse_port_str(&self.port) {
                errors.push((Field::Port, e));
            } else if self.kind == EndpointKind::TcpClient && self.port.trim() == "0" {
                errors.push((Field::Port, "a client must connect to a real port, not 0".into()));
            }
        }
        let peer = self.peer.trim();
        if self.kind == EndpointKind::Udp
            && !peer.is_empty()
            && let Err(e) = parse_host_port(peer)
        {
            errors.push((Field::Peer, e));
        }
        let mut options = Vec::new();
        for f in self.options.iter().filter(|f| f.enabled) {
            if let Some(why) = f.opt.not_applicable(self.kind.class(), self.ipv6()) {
                errors.push((Field::Option(f.opt), format!("does not apply: {why}")));
                continue;
            }
            match f.opt.parse_value(&f.value) {
                Ok(value) => options.push(OptionRequest { opt: f.opt, value }),
                Err(e) => errors.push((Field::Option(f.opt), e)),
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let mut spec = EndpointSpec::new(self.kind, self.address()).with_reply(self.reply);
        spec.options = options;
        if !peer.is_empty() {
            spec.peer = Some(peer.to_string());
        }
        Ok(spec)
    }

    /// True when a server would be reachable from other machines.
    pub fn binds_all_interfaces(&self) -> bool {
        !self.kind.is_unix()
            && self.kind != EndpointKind::TcpClient
            && matches!(self.host.trim().trim_start_matches('[').trim_end_matches(']'), "0.0.0.0" | "::")
    }
}

fn field_error(ui: &mut egui::Ui, errors: &[(Field, String)], field: Field) {
    for (f, msg) in errors {
        if *f == field {
            ui.label(RichText::new(format!("⚠ {msg}")).color(style::error_color(ui)));
        }
    }
}

/// Draws the form in a window. Returns false when it should close.
pub fn show(ctx: &egui::Context, form: &mut Form, actions: &mut Vec<Action>) -> bool {
    let mut open = true;
    let mut close = false;
    egui::Window::new(format!("New {}", form.kind.label()))
        .id(egui::Id::unique("new-endpoint-form"))
        .open(&mut open)
        .collapsible(false)
        .resizable(false)
        .pivot(egui::Align2::CENTER_TOP)
        .default_pos(ctx.content_rect().center_top() + egui::vec2(0.0, 60.0))
        .default_width(460.0)
        .show(ctx, |ui| {
            let result = form.validate();
            let errors = result.as_ref().err().cloned().unwrap_or_default();
            egui::Grid::new("form-grid").num_columns(2).spacing([12.0, 6.0]).show(ui, |ui| {
                let kind = ui.label("Kind");
                egui::ComboBox::from_id_salt("form-kind")
                    .selected_text(form.kind.label())
                    .show_ui(ui, |ui| {
                        for k in EndpointKind::ALL {
                            ui.selectable_value(&mut form.kind, k, k.label());
                        }
                    })
                    .response
                    .labelled_by(kind.id);
                ui.end_row();
                if !form.kind.reply_modes().contains(&form.reply) {
                    form.reply = ReplyMode::None;
                }

                let name_label = ui.label("Name");
                ui.vertical(|ui| {
                    ui.text_edit_singleline(&mut form.name).labelled_by(name_label.id);
                    field_error(ui, &errors, Field::Name);
                });
                ui.end_row();

                if form.kind.is_unix() {
                    let l = ui.label("Path");
                    ui.vertical(|ui| {
                        ui.text_edit_singleline(&mut form.path).labelled_by(l.id);
                        field_error(ui, &errors, Field::Path);
                    });
                    ui.end_row();
                } else {
                    let server_side = form.kind != EndpointKind::TcpClient;
                    let l = ui.label(if server_side { "Bind to host" } else { "Connect to host" });
                    ui.vertical(|ui| {
                        ui.text_edit_singleline(&mut form.host).labelled_by(l.id);
                        if server_side {
                            ui.horizontal_wrapped(|ui| {
                                for (host, tip) in [
                                    ("127.0.0.1", "this machine only (safe default)"),
                                    ("::1", "this machine only, IPv6"),
                                    ("0.0.0.0", "every IPv4 interface: reachable from the network"),
                                    ("::", "every IPv6 interface: reachable from the network"),
                                ] {
                                    if ui.small_button(host).on_hover_text(tip).clicked() {
                                        form.host = host.into();
                                    }
                                }
                            });
                        }
                        field_error(ui, &errors, Field::Host);
                        if form.binds_all_interfaces() {
                            ui.label(
                                RichText::new("⚠ All interfaces: other machines on the network can connect.")
                                    .color(style::warn_color(ui))
                                    .strong(),
                            );
                        }
                    });
                    ui.end_row();
                    let l = ui.label("Port");
                    ui.vertical(|ui| {
                        ui.text_edit_singleline(&mut form.port).labelled_by(l.id);
                        if server_side {
                            ui.label(RichText::new("0 lets the OS pick a free port").small().weak());
                        }
                        field_error(ui, &errors, Field::Port);
                    });
                    ui.end_row();
                }
                if form.kind.is_datagram() {
                    let l = ui.label("Default peer");
                    ui.vertical(|ui| {
                        ui.add(egui::TextEdit::singleline(&mut form.peer).hint_text(
                            if form.kind == EndpointKind::Udp { "optional, host:port" } else { "optional, path" },
                        ))
                        .labelled_by(l.id);
                        ui.label(RichText::new("set: connect() so send() needs no address").small().weak());
                        field_error(ui, &errors, Field::Peer);
                    });
                    ui.end_row();
                }
                if form.kind.reply_modes().len() > 1 {
                    let reply = ui.label("Reply mode");
                    ui.vertical(|ui| {
                        egui::ComboBox::from_id_salt("form-reply")
                            .selected_text(form.reply.name())
                            .show_ui(ui, |ui| {
                                for &m in form.kind.reply_modes() {
                                    ui.selectable_value(&mut form.reply, m, m.name()).on_hover_text(m.describe());
                                }
                            })
                            .response
                            .labelled_by(reply.id);
                        ui.label(RichText::new(form.reply.describe()).small().weak());
                    });
                    ui.end_row();
                }
            });
            ui.separator();
            ui.label(RichText::new("Options set before bind()/connect()").strong());
            let class = form.kind.class();
            let ipv6 = form.ipv6();
            egui::Grid::new("form-options").num_columns(3).show(ui, |ui| {
                for f in form.options.iter_mut() {
                    let na = f.opt.not_applicable(class, ipv6);
                    ui.add_enabled_ui(na.is_none(), |ui| {
                        ui.checkbox(&mut f.enabled, f.opt.c_name()).on_hover_text(f.opt.doc())
                    })
                    .inner
                    .on_disabled_hover_text(na.unwrap_or_default());
                    let is_bool = matches!(f.opt.default_value(), OptValue::Bool(_));
                    if !is_bool && f.enabled && na.is_none() {
                        ui.add(egui::TextEdit::singleline(&mut f.value).desired_width(90.0).hint_text("value"));
                    } else {
                        ui.label("");
                    }
                    ui.vertical(|ui| {
                        if f.opt.phase() == Phase::BeforeBind {
                            ui.label(RichText::new("before bind only").small().weak());
                        }
                        field_error(ui, &errors, Field::Option(f.opt));
                    });
                    ui.end_row();
                }
            });
            ui.separator();
            ui.horizontal(|ui| {
                let start = ui.add_enabled(result.is_ok(), egui::Button::new(RichText::new("▶ Start").strong()));
                if let Ok(spec) = result {
                    if start.clicked() {
                        actions.push(Action::Open { name: form.name.trim().to_string(), spec });
                        close = true;
                    }
                } else {
                    start.on_disabled_hover_text("fix the fields marked ⚠ first");
                }
                if ui.button("Cancel").clicked() {
                    close = true;
                }
            });
        });
    open && !close
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_ports_and_hosts_are_flagged_at_their_field() {
        let mut f = Form::new(EndpointKind::TcpServer, "s".into());
        assert!(f.validate().is_ok());
        f.port = "70000".into();
        let errs = f.validate().unwrap_err();
        assert!(errs.iter().any(|(field, m)| *field == Field::Port && m.contains("out of range")));
        f.port = "abc".into();
        assert!(f.validate().unwrap_err().iter().any(|(field, m)| *field == Field::Port && m.contains("not a number")));
        f.port = "9000".into();
        f.host = "".into();
        assert!(f.validate().unwrap_err().iter().any(|(field, _)| *field == Field::Host));
    }

    #[test]
    fn ipv6_hosts_get_brackets_and_all_interfaces_is_flagged() {
        let mut f = Form::new(EndpointKind::TcpServer, "s".into());
        f.host = "::".into();
        assert!(f.binds_all_interfaces());
        assert_eq!(f.validate().unwrap().address, "[::]:9000");
    }
}

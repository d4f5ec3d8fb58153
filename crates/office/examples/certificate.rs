//! One Giấy khen as a PDF, for `scripts/samples`: the layout of `pdf::example_certificate` (the city
//! of the sample, its signer and decision) with the recipient given on the command line, so that the
//! sample in `docs/samples/` names a person of the sample data.
//!
//! Usage: certificate OUT.pdf "Bà Nguyễn Thị Hoà" "Chuyên viên, Phường Kim Tân"

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(out), Some(recipient)) = (args.next(), args.next()) else {
        eprintln!("usage: certificate OUT.pdf RECIPIENT [DETAIL]");
        std::process::exit(2);
    };
    let mut c = thidua_office::pdf::example_certificate();
    c.recipient = recipient;
    c.recipient_detail = args.next().filter(|d| !d.trim().is_empty());
    let pdf = match thidua_office::pdf::certificates_pdf(&[c]) {
        Ok(pdf) => pdf,
        Err(e) => {
            eprintln!("certificate: {e}");
            std::process::exit(1);
        }
    };
    if let Err(e) = std::fs::write(&out, pdf) {
        eprintln!("certificate: cannot write {out}: {e}");
        std::process::exit(1);
    }
}

//! Sentence templates, per kind and language, with the context a reader (and
//! a detector) would expect.
//!
//! Placeholders: `{v}` the annotated value, `{n}` a title and last name
//! ("Mme Lefèvre"), `{f}` a first name, `{fl}` a first and last name. Names
//! are fake and not annotated (PERSON is not gold here).
//!
//! Kinds whose detector needs a context word always get one: "numéro fiscal"
//! for the French tax id, "PESEL", "Steuer-ID", "NIF", "BSN", "SSN", "passeport
//! n°", "carte d'identité n°", "permis de conduire n°", and a birth context
//! ("né le", "born on", "DOB:") for dates of birth.

use crate::Lang;
use crate::kinds::GenKind;
use crate::values::NearMiss;

pub(crate) fn templates(kind: GenKind, lang: Lang) -> &'static [&'static str] {
    match lang {
        Lang::Fr => fr(kind),
        Lang::En => en(kind),
    }
}

#[allow(clippy::too_many_lines)]
fn fr(kind: GenKind) -> &'static [&'static str] {
    match kind {
        GenKind::Email => &[
            "Pour toute question, écrivez à {v}.",
            "Vous pouvez contacter {n} à l'adresse {v} pendant les heures de bureau.",
            "Adresse électronique : {v}",
            "{f} m'a demandé de transmettre le dossier à {v} avant vendredi.",
            "Courriel de {fl} : {v}",
        ],
        GenKind::Phone => &[
            "Vous pouvez joindre {n} au {v}.",
            "Tél. : {v}",
            "En cas d'urgence, appelez {f} au {v} ou laissez un message.",
            "Le numéro de portable de {fl} est le {v}.",
            "Rappelez-moi au {v} dès que possible.",
        ],
        GenKind::Iban => &[
            "Merci d'effectuer le virement sur le compte {v}.",
            "IBAN : {v}",
            "Coordonnées bancaires de {n} : IBAN {v}.",
            "Le remboursement sera versé sur l'IBAN {v} sous huit jours.",
        ],
        GenKind::CreditCard => &[
            "Paiement effectué avec la carte {v}.",
            "Numéro de carte bancaire : {v}",
            "{n} a réglé la commande avec sa carte n° {v}.",
            "Veuillez débiter la carte {v} du montant indiqué.",
        ],
        GenKind::FrNir => &[
            "Numéro de sécurité sociale : {v}",
            "Le numéro de sécu de {n} est le {v}.",
            "NIR de l'assuré : {v}.",
            "Indiquez votre numéro d'inscription au répertoire ({v}) sur le formulaire.",
        ],
        GenKind::FrTaxId => &[
            "Numéro fiscal : {v}",
            "Votre numéro fiscal {v} figure sur l'avis d'imposition.",
            "{n} (numéro fiscal de référence {v}) a déposé sa déclaration.",
        ],
        GenKind::BeNationalNumber => &[
            "Numéro de registre national : {v}",
            "Le numéro national belge de {n} est le {v}.",
            "NN {v}, à reporter sur la carte d'identité belge.",
        ],
        GenKind::PlPesel => &[
            "Numéro PESEL : {v}",
            "{n}, de nationalité polonaise, a fourni son numéro PESEL {v}.",
            "PESEL {v}",
        ],
        GenKind::DeTaxId => &[
            "Steuer-ID : {v}",
            "Son identifiant fiscal allemand (Steuer-ID) est le {v}.",
            "{n} a indiqué sa Steuer-ID {v} sur le contrat.",
        ],
        GenKind::PtNif => &[
            "NIF portugais : {v}",
            "{n} nous a communiqué son NIF {v} pour la facture.",
            "Numéro d'identification fiscale (NIF) : {v}",
        ],
        GenKind::NlBsn => &[
            "BSN : {v}",
            "Le numéro BSN de {n} est le {v}.",
            "Identifiant néerlandais (BSN) {v}, à vérifier.",
        ],
        GenKind::EsDni => &[
            "DNI : {v}",
            "{n} a présenté son DNI espagnol n° {v}.",
            "Pièce d'identité : DNI {v}.",
        ],
        GenKind::EsNie => &[
            "NIE : {v}",
            "Le numéro d'étranger (NIE) de {n} est le {v}.",
            "Titulaire du NIE {v} depuis l'an dernier.",
        ],
        GenKind::ItCodiceFiscale => &[
            "Codice fiscale : {v}",
            "{n} a transmis son codice fiscale {v} au notaire.",
            "Code fiscal italien : {v}.",
        ],
        GenKind::UsSsn => &[
            "SSN : {v}",
            "Son numéro de sécurité sociale américain (SSN) est le {v}.",
            "{n} a fourni le SSN {v} pour le dossier fiscal.",
        ],
        GenKind::UkNino => &[
            "National Insurance number : {v}",
            "Le numéro NINO de {n} est {v}.",
            "NINO {v}, à reporter sur le formulaire britannique.",
        ],
        GenKind::FrIdCard => &[
            "Carte d'identité n° {v}",
            "{n} a présenté sa carte d'identité n° {v} à l'accueil.",
            "Pièce justificative : carte d'identité n° {v}.",
        ],
        GenKind::FrPassport => &[
            "Passeport n° {v}",
            "{n} voyage avec le passeport n° {v}.",
            "Merci de joindre une copie du passeport n° {v}.",
        ],
        GenKind::FrDrivingLicence => &[
            "Permis de conduire n° {v}",
            "{n} est titulaire du permis de conduire n° {v}.",
            "Le conducteur a présenté son permis de conduire n° {v}.",
        ],
        GenKind::Ipv4 => &[
            "Connexion depuis l'adresse IP {v} à 3 h du matin.",
            "Adresse IP du client : {v}",
            "Le serveur a bloqué {v} après plusieurs échecs.",
        ],
        GenKind::Ipv6 => &[
            "Connexion depuis l'adresse IPv6 {v}.",
            "Adresse IP du client : {v}",
            "Requête reçue de {v}, refusée par le pare-feu.",
        ],
        GenKind::MacAddress => &[
            "Adresse MAC de l'ordinateur portable : {v}",
            "L'appareil {v} s'est connecté au réseau invité.",
            "Adresse matérielle du téléphone de {n} : {v}.",
        ],
        GenKind::Url => &[
            "Le document est disponible sur {v}",
            "Voir la page {v} pour plus de détails.",
            "Lien de partage : {v}",
        ],
        GenKind::ProfileUrl => &[
            "Mon profil : {v}",
            "Retrouvez {n} sur {v}",
            "Profil en ligne de {fl} : {v}",
        ],
        GenKind::SocialHandle => &[
            "Suivez-moi sur Twitter : {v}",
            "Merci à {v} pour le partage !",
            "Le compte {v} a publié la photo hier soir.",
        ],
        GenKind::GpsCoordinates => &[
            "Rendez-vous aux coordonnées {v}.",
            "Position GPS du véhicule : {v}",
            "{n} habite au point {v}, juste après le pont.",
        ],
        GenKind::FrLicencePlate => &[
            "Le véhicule immatriculé {v} était mal garé.",
            "Immatriculation : {v}",
            "{n} conduit une voiture grise immatriculée {v}.",
        ],
        GenKind::DateOfBirth => &[
            "{n}, né le {v}, demeurant à la même adresse.",
            "{n}, née le {v}, a signé le contrat.",
            "Date de naissance : {v}",
            "L'enfant est né le {v} à la maternité.",
        ],
        GenKind::ApiKey => &[
            "Clé d'API : {v}",
            "Ne commitez pas la clé {v} dans le dépôt.",
            "Le jeton {v} a été révoqué ce matin.",
        ],
        GenKind::PrivateKey => &[
            "Voici la clé privée du serveur :\n{v}\nMerci de ne pas la diffuser.",
            "Clé de déploiement :\n{v}",
        ],
        GenKind::UrlPassword => &[
            "Le dépôt est accessible via {v}",
            "Chaîne de connexion : {v}",
            "Sauvegarde déposée sur {v} chaque nuit.",
        ],
    }
}

#[allow(clippy::too_many_lines)]
fn en(kind: GenKind) -> &'static [&'static str] {
    match kind {
        GenKind::Email => &[
            "For any question, write to {v}.",
            "You can reach {n} at {v} during office hours.",
            "Email: {v}",
            "{f} asked me to forward the file to {v} before Friday.",
            "Contact address of {fl}: {v}",
        ],
        GenKind::Phone => &[
            "You can reach {n} on {v}.",
            "Phone: {v}",
            "In an emergency, call {f} at {v} or leave a message.",
            "The mobile number of {fl} is {v}.",
            "Call me back at {v} as soon as you can.",
        ],
        GenKind::Iban => &[
            "Please wire the deposit to {v}.",
            "IBAN: {v}",
            "Bank details of {n}: IBAN {v}.",
            "The refund will be paid to IBAN {v} within a week.",
        ],
        GenKind::CreditCard => &[
            "Paid with card {v}.",
            "Credit card number: {v}",
            "{n} paid for the order with card no. {v}.",
            "Please charge the card {v} for the amount due.",
        ],
        GenKind::FrNir => &[
            "French social security number: {v}",
            "The NIR of {n} is {v}.",
            "Insured person's social security no. {v}.",
        ],
        GenKind::FrTaxId => &[
            "French tax number (numéro fiscal): {v}",
            "{n} gave the numéro fiscal {v} on the form.",
            "Tax ID, numéro fiscal {v}, taken from the tax notice.",
        ],
        GenKind::BeNationalNumber => &[
            "Belgian national number: {v}",
            "The national register number of {n} is {v}.",
            "NN {v}, as printed on the Belgian ID card.",
        ],
        GenKind::PlPesel => &[
            "PESEL number: {v}",
            "{n} provided the PESEL {v} for the contract.",
            "PESEL {v}",
        ],
        GenKind::DeTaxId => &[
            "Steuer-ID: {v}",
            "The German tax ID (Steuer-ID) of {n} is {v}.",
            "{n} entered the Steuer-ID {v} on the payroll form.",
        ],
        GenKind::PtNif => &[
            "Portuguese NIF: {v}",
            "{n} gave us the NIF {v} for the invoice.",
            "Tax identification number (NIF): {v}",
        ],
        GenKind::NlBsn => &[
            "BSN: {v}",
            "The BSN of {n} is {v}.",
            "Dutch citizen service number (BSN) {v}, to be checked.",
        ],
        GenKind::EsDni => &[
            "DNI: {v}",
            "{n} showed the Spanish DNI no. {v}.",
            "Identity document: DNI {v}.",
        ],
        GenKind::EsNie => &[
            "NIE: {v}",
            "The foreigner identity number (NIE) of {n} is {v}.",
            "Holder of NIE {v} since last year.",
        ],
        GenKind::ItCodiceFiscale => &[
            "Codice fiscale: {v}",
            "{n} sent the codice fiscale {v} to the notary.",
            "Italian tax code: {v}.",
        ],
        GenKind::UsSsn => &[
            "My SSN is {v}.",
            "SSN: {v}",
            "{n} provided the SSN {v} for the background check.",
        ],
        GenKind::UkNino => &[
            "National Insurance number: {v}",
            "The NI number of {n} is {v}.",
            "NINO {v}, to be entered on the HMRC form.",
        ],
        GenKind::FrIdCard => &[
            "French identity card (carte d'identité n° {v})",
            "{n} showed the carte d'identité n° {v} at the desk.",
            "ID card number: {v}.",
        ],
        GenKind::FrPassport => &[
            "French passport no. {v}",
            "{n} travels on passport number {v}.",
            "Please attach a copy of passport no. {v}.",
        ],
        GenKind::FrDrivingLicence => &[
            "French driving licence (permis de conduire n° {v})",
            "{n} holds driving licence no. {v}.",
            "Driver's licence number: {v}.",
        ],
        GenKind::Ipv4 => &[
            "Login from IP address {v} at 3 am.",
            "Client IP: {v}",
            "The server blocked {v} after several failures.",
        ],
        GenKind::Ipv6 => &[
            "Login from IPv6 address {v}.",
            "Client IP: {v}",
            "Request received from {v} and dropped by the firewall.",
        ],
        GenKind::MacAddress => &[
            "MAC address of the laptop: {v}",
            "Device {v} joined the guest network.",
            "Hardware address of the phone of {n}: {v}.",
        ],
        GenKind::Url => &[
            "The document is available at {v}",
            "See {v} for details.",
            "Share link: {v}",
        ],
        GenKind::ProfileUrl => &[
            "My profile: {v}",
            "Find {n} on {v}",
            "Online profile of {fl}: {v}",
        ],
        GenKind::SocialHandle => &[
            "Follow me on Twitter: {v}",
            "Thanks to {v} for sharing!",
            "DM me {v} if you are interested.",
        ],
        GenKind::GpsCoordinates => &[
            "Meet me at {v}.",
            "GPS position of the vehicle: {v}",
            "{n} lives at {v}, just past the bridge.",
        ],
        GenKind::FrLicencePlate => &[
            "The car with French plate {v} was badly parked.",
            "Registration: {v}",
            "{n} drives a grey car registered {v}.",
        ],
        GenKind::DateOfBirth => &[
            "{n}, born on {v}, lives at the same address.",
            "DOB: {v}",
            "Date of birth: {v}",
            "The patient was born on {v}.",
        ],
        GenKind::ApiKey => &[
            "API key: {v}",
            "Do not commit the key {v} to the repository.",
            "The token {v} was revoked this morning.",
        ],
        GenKind::PrivateKey => &[
            "Here is the server's private key:\n{v}\nPlease do not share it.",
            "Deploy key:\n{v}",
        ],
        GenKind::UrlPassword => &[
            "The repository is reachable at {v}",
            "Connection string: {v}",
            "Nightly backups go to {v}",
        ],
    }
}

/// Near-miss sentences: `{v}` is the near miss, never annotated.
pub(crate) fn near_miss_templates(m: NearMiss, lang: Lang) -> &'static [&'static str] {
    match (m, lang) {
        (NearMiss::LuhnInvalidCard, Lang::Fr) => &[
            "La carte {v} a été refusée : numéro invalide.",
            "Numéro de carte saisi : {v} (erreur de frappe).",
        ],
        (NearMiss::LuhnInvalidCard, Lang::En) => &[
            "The card {v} was declined as invalid.",
            "Card number entered: {v} (typo).",
        ],
        (NearMiss::IbanBadCheck, Lang::Fr) => &[
            "L'IBAN {v} est erroné, le virement a été rejeté.",
            "Attention, IBAN invalide : {v}",
        ],
        (NearMiss::IbanBadCheck, Lang::En) => &[
            "The IBAN {v} is wrong and the transfer bounced.",
            "Warning, invalid IBAN: {v}",
        ],
        (NearMiss::NirBadKey, Lang::Fr) => &[
            "Le numéro de sécurité sociale {v} comporte une erreur de clé.",
            "NIR saisi {v} : clé incorrecte.",
        ],
        (NearMiss::NirBadKey, Lang::En) => &[
            "The social security number {v} has a wrong key.",
            "NIR typed as {v}: bad key.",
        ],
        (NearMiss::OrderNumber, Lang::Fr) => &[
            "Votre commande n° {v} a été expédiée.",
            "Référence de commande : {v}",
        ],
        (NearMiss::OrderNumber, Lang::En) => {
            &["Your order number {v} has shipped.", "Order reference: {v}"]
        }
        (NearMiss::Price, Lang::Fr) => &[
            "Le montant total s'élève à {v} toutes taxes comprises.",
            "Prix unitaire : {v}",
        ],
        (NearMiss::Price, Lang::En) => {
            &["The total comes to {v} including taxes.", "Unit price: {v}"]
        }
        (NearMiss::PlainDate, Lang::Fr) => {
            &["La réunion du {v} est reportée.", "Facture émise le {v}."]
        }
        (NearMiss::PlainDate, Lang::En) => {
            &["The meeting of {v} is postponed.", "Invoice issued on {v}."]
        }
        (NearMiss::VersionNumber, Lang::Fr) => &[
            "Mettez à jour vers la version {v} avant lundi.",
            "Correctif publié dans la version {v}.",
        ],
        (NearMiss::VersionNumber, Lang::En) => &[
            "Please upgrade to version {v} before Monday.",
            "Fixed in release {v}.",
        ],
    }
}

package content

import (
	"net/url"
	"strings"
)

// officialDomains are the sites whose word a fact can rest on: the
// agencies, the government and the law, at home and in the countries the
// guide's conventions concern. A host matches a domain or any subdomain.
var officialDomains = []string{
	// France: agencies and their portals
	"ameli.fr", "service-public.fr", "service-public.gouv.fr", "caf.fr", "urssaf.fr", "autoentrepreneur.urssaf.fr",
	"lassuranceretraite.fr", "info-retraite.fr", "agirc-arrco.fr", "msa.fr", "cleiss.fr",
	"francetravail.fr", "unedic.org", "securite-sociale.fr", "mesdroitssociaux.gouv.fr",
	"welcometofrance.com", "campusfrance.org", "116117.fr", "monespacesante.fr", "sante.fr",
	"ofii.fr", "france-visas.gouv.fr", "refugies.info", // refugies.info: the government's service for refugees (DIAIR)
	"ordre.pharmacien.fr", "ameli-sophia.fr", "cnil.fr", "net-entreprises.fr", "cnsa.fr", "cpam.fr",
	"legifrance.gouv.fr", "conseil-constitutionnel.fr", "senat.fr", "assemblee-nationale.fr",
	// the European Union and abroad
	"europa.eu", "gov.uk", "nhs.uk", "nhsbsa.nhs.uk", "ssa.gov", "canada.ca",
	"ramq.gouv.qc.ca", "retraitequebec.gouv.qc.ca", "quebec.ca", "admin.ch", "ahv-iv.ch", "kvg.org",
	"ccss.lu", "cns.lu", "guichet.lu", "inami.fgov.be", "socialsecurity.be", "dguv.de", "deutsche-rentenversicherung.de",
}

// officialSuffixes are public-sector name spaces.
var officialSuffixes = []string{".gouv.fr", ".gouv.qc.ca", ".gc.ca", ".gov", ".gov.uk", ".europa.eu", ".admin.ch", ".fgov.be", ".public.lu", ".etat.lu"}

// OfficialSource reports whether a source address is an official site.
func OfficialSource(source string) bool {
	u, err := url.Parse(source)
	if err != nil || u.Host == "" {
		return false
	}
	host := strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
	for _, d := range officialDomains {
		if host == d || strings.HasSuffix(host, "."+d) {
			return true
		}
	}
	for _, s := range officialSuffixes {
		if strings.HasSuffix(host, s) {
			return true
		}
	}
	return false
}

// StaleAfter is the age in months past which an entry is flagged as
// possibly out of date.
const StaleAfter = 12

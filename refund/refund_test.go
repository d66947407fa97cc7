package refund

import (
	"errors"
	"strings"
	"testing"

	"secu/content"
)

// table holds the figures the cases below were worked out with, with the
// values of the guide's figures table (December 2026).
var table = map[string]content.Figure{}

func init() {
	for _, f := range []content.Figure{
		{Name: "gp-consultation", Value: 30, Unit: "EUR", Since: "2024-12-22"},
		{Name: "specialist-consultation", Value: 31.5, Unit: "EUR", Since: "2024-12-22"},
		{Name: "gp-base-non-optam", Value: 23, Unit: "EUR", Since: "2011-01-01"},
		{Name: "tarif-autorite-gp", Value: 0.61, Unit: "EUR", Since: "2006-12-01"},
		{Name: "tarif-autorite-specialist", Value: 1.22, Unit: "EUR", Since: "2006-12-01"},
		{Name: "amo-rate-consultation", Value: 70, Unit: "percent", Since: "2009-01-31"},
		{Name: "amo-rate-outside-parcours", Value: 30, Unit: "percent", Since: "2009-01-31"},
		{Name: "participation-forfaitaire", Value: 2, Unit: "EUR", Since: "2024-05-15"},
		{Name: "participation-forfaitaire-annual-cap", Value: 50, Unit: "EUR", Since: "2024-05-15"},
		{Name: "participation-forfaitaire-daily-cap", Value: 8, Unit: "EUR", Since: "2024-05-15"},
		{Name: "franchise-medicine", Value: 1, Unit: "EUR", Since: "2024-03-31"},
		{Name: "franchise-annual-cap", Value: 50, Unit: "EUR", Since: "2008-01-01"},
		{Name: "medicine-rate-major", Value: 65, Unit: "percent", Since: "2011-05-02"},
		{Name: "medicine-rate-moderate", Value: 30, Unit: "percent", Since: "2011-05-02"},
		{Name: "medicine-rate-low", Value: 15, Unit: "percent", Since: "2010-04-01"},
		{Name: "forfait-hospitalier", Value: 23, Unit: "EUR", Since: "2026-03-01"},
		{Name: "forfait-patient-urgences", Value: 23, Unit: "EUR", Since: "2026-03-01"},
		{Name: "forfait-patient-urgences-reduit", Value: 9.96, Unit: "EUR", Since: "2026-03-01"},
	} {
		table[f.Name] = f
	}
}

func lookup(name string) (content.Figure, bool) {
	f, ok := table[name]
	return f, ok
}

// Each case is worked by hand from the rule it cites:
//   - consultation: AMO pays rate × base − participation forfaitaire
//     (service-public F165 and F17042; ameli "participation forfaitaire");
//   - outside the parcours the rate is 30 % and the 40-point penalty is
//     not paid by a contrat responsable (F165; code de la sécurité
//     sociale L.871-1);
//   - the mutuelle's cover "N % BR" is what AMO and mutuelle pay together,
//     in % of the base (the usual way contracts state it);
//   - the participation forfaitaire and the franchises are not charged
//     under 18, with the C2S or the AME (F165; ameli "franchise
//     médicale"), and stop at 50 € a year each (CSS L.160-13 and
//     D.160-9);
//   - ALD-related care has no ticket modérateur (CSS L.160-14), but the
//     participation forfaitaire and the franchise stay due;
//   - medicines at 65, 30 and 15 % (CSS R.160-5), 1 € franchise a box.
func TestCases(t *testing.T) {
	tests := []struct {
		name             string
		in               Input
		amo, top, you    float64
		asOf             string
		wantLine, noLine string
	}{
		{"guide case 1: médecin traitant, no mutuelle", Input{Act: "gp", Sector: 1, Price: 30}, 19, 0, 11, "2024-12-22", "Participation forfaitaire", ""},
		{"guide case 1 with a 100 % mutuelle", Input{Act: "gp", Sector: 1, Price: 30, Mutuelle: 100}, 19, 9, 2, "", "Mutuelle pays", ""},
		{"sector 1 price defaults to the official fee", Input{Act: "gp", Sector: 1}, 19, 0, 11, "", "", ""},
		{"guide case 2: outside the parcours, no mutuelle", Input{Act: "gp", Sector: 1, Price: 30, OutsideParcours: true}, 7, 0, 23, "", "of which 12 € is the penalty", ""},
		{"guide case 2 with a contrat responsable at 100 %", Input{Act: "gp", Sector: 1, Price: 30, OutsideParcours: true, Mutuelle: 100}, 7, 9, 14, "", "", ""},
		{"guide: ALD-related visit", Input{Act: "gp", Sector: 1, Price: 30, ALD: true}, 28, 0, 2, "", "care linked to an ALD", "Ticket modérateur"},
		{"ALD visit, 150 % mutuelle, OPTAM 40 €: mutuelle pays the dépassement up to 50 % of the base", Input{Act: "gp", Sector: 2, OPTAM: true, Price: 40, ALD: true, Mutuelle: 150}, 28, 10, 2, "", "", ""},
		{"guide: sector 2 OPTAM at 40 €, no mutuelle", Input{Act: "gp", Sector: 2, OPTAM: true, Price: 40}, 19, 0, 21, "", "Dépassement", ""},
		{"sector 2 OPTAM at 40 €, 150 % mutuelle: 45 − 21 = 24, more than the 19 € gap", Input{Act: "gp", Sector: 2, OPTAM: true, Price: 40, Mutuelle: 150}, 19, 19, 2, "", "", ""},
		{"sector 2 OPTAM at 60 €, 150 % mutuelle: pays 45 − 21 = 24", Input{Act: "gp", Sector: 2, OPTAM: true, Price: 60, Mutuelle: 150}, 19, 24, 17, "", "", ""},
		{"guide: sector 2 without OPTAM at 40 €", Input{Act: "gp", Sector: 2, Price: 40}, 14.10, 0, 25.90, "", "a lower base", ""},
		{"sector 2 without OPTAM at 40 €, 200 % mutuelle: 46 − 16.10 = 29.90 > 23.90", Input{Act: "gp", Sector: 2, Price: 40, Mutuelle: 200}, 14.10, 23.90, 2, "", "", ""},
		{"sector 2 without OPTAM at 40 €, 100 % mutuelle pays only the 6.90 € ticket modérateur", Input{Act: "gp", Sector: 2, Price: 40, Mutuelle: 100}, 14.10, 6.90, 19, "", "", ""},
		{"under 18: no participation forfaitaire", Input{Act: "gp", Sector: 1, Under18: true}, 21, 0, 9, "", "not charged under 18", ""},
		{"under 18 with a 100 % mutuelle pays nothing", Input{Act: "gp", Sector: 1, Under18: true, Mutuelle: 100}, 21, 9, 0, "", "", ""},
		{"specialist in the parcours: 70 % × 31.50 = 22.05 − 2", Input{Act: "specialist", Sector: 1}, 20.05, 0, 11.45, "", "", ""},
		{"specialist outside the parcours: 30 % × 31.50 = 9.45 − 2", Input{Act: "specialist", Sector: 1, OutsideParcours: true}, 7.45, 0, 24.05, "", "", ""},
		{"sector 3 GP at 50 €: 70 % × 0.61 = 0.43 − 2 = −1.57", Input{Act: "gp", Sector: 3, Price: 50}, -1.57, 0, 51.57, "", "tarif d'autorité", ""},
		{"sector 3 specialist at 80 €, 100 % mutuelle: 70 % × 1.22 = 0.85; mutuelle 0.37", Input{Act: "specialist", Sector: 3, Price: 80, Mutuelle: 100}, -1.15, 0.37, 80.78, "", "", ""},
		{"C2S: no participation, the C2S pays the ticket modérateur", Input{Act: "gp", Sector: 1, C2S: true}, 21, 9, 0, "", "C2S pays", ""},
		{"participation cap: 49 € already deducted, 1 € left", Input{Act: "gp", Sector: 1, PaidThisYear: 49}, 20, 0, 10, "", "", ""},
		{"participation cap reached", Input{Act: "gp", Sector: 1, PaidThisYear: 50}, 21, 0, 9, "", "", ""},
		{"medicine at 65 %: 6.50 − 1", Input{Act: "medicine-65", Price: 10}, 5.50, 0, 4.50, "2024-03-31", "Franchise médicale", ""},
		{"medicine at 65 % with a 100 % mutuelle", Input{Act: "medicine-65", Price: 10, Mutuelle: 100}, 5.50, 3.50, 1, "", "", ""},
		{"medicine at 30 %: 3 − 1", Input{Act: "medicine-30", Price: 10}, 2, 0, 8, "", "", ""},
		{"medicine at 15 %: 1.50 − 1", Input{Act: "medicine-15", Price: 10}, 0.50, 0, 9.50, "", "", ""},
		{"medicine at 15 % costing 5 €: 0.75 − 1 = −0.25", Input{Act: "medicine-15", Price: 5}, -0.25, 0, 5.25, "", "", ""},
		{"medicine at 65 %, franchise cap reached", Input{Act: "medicine-65", Price: 10, PaidThisYear: 50}, 6.50, 0, 3.50, "", "", ""},
		{"medicine at 65 %, 7.99 €: 5.19 (rounded) − 1", Input{Act: "medicine-65", Price: 7.99}, 4.19, 0, 3.80, "", "", ""},
		{"medicine at 30 % for an ALD: 100 % − 1", Input{Act: "medicine-30", Price: 10, ALD: true}, 9, 0, 1, "", "", ""},
		{"medicine under 18: no franchise", Input{Act: "medicine-65", Price: 10, Under18: true}, 6.50, 0, 3.50, "", "", ""},
		{"medicine with the C2S", Input{Act: "medicine-65", Price: 10, C2S: true}, 6.50, 3.50, 0, "", "", ""},
		{"emergency visit without admission", Input{Act: "emergency"}, 0, 0, 23, "2026-03-01", "Forfait patient urgences", ""},
		{"emergency visit, ALD: reduced", Input{Act: "emergency", ALD: true}, 0, 0, 9.96, "", "reduced", ""},
		{"a day in hospital", Input{Act: "hospital-day"}, 0, 0, 23, "", "Forfait journalier", ""},
		// From the 6th month of pregnancy to 12 days after the birth: 100 %
		// of the official rate, no participation forfaitaire, no franchise
		// (ameli "grossesse"; service-public F968; guide entry pregnancy).
		{"maternity: GP at 100 %, no participation", Input{Act: "gp", Sector: 1, Maternity: true}, 30, 0, 0, "", "not charged from the 6th month", "Ticket modérateur"},
		{"maternity: OPTAM specialist at 50 €, 200 % mutuelle pays 31.50 of the 18.50 gap", Input{Act: "specialist", Sector: 2, OPTAM: true, Price: 50, Maternity: true, Mutuelle: 200}, 31.5, 18.5, 0, "", "", ""},
		{"maternity: medicine at 15 % paid in full, no franchise", Input{Act: "medicine-15", Price: 10, Maternity: true}, 10, 0, 0, "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Compute(lookup, tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if r.AMO != tt.amo || r.Top != tt.top || r.You != tt.you {
				t.Errorf("AMO %v, top-up %v, you %v; want %v, %v, %v\n%s", r.AMO, r.Top, r.You, tt.amo, tt.top, tt.you, r.Text())
			}
			// Every euro is accounted for.
			if cents(r.AMO)+cents(r.Top)+cents(r.You) != cents(r.Charged) {
				t.Errorf("%v + %v + %v != %v", r.AMO, r.Top, r.You, r.Charged)
			}
			if tt.asOf != "" && r.AsOf != tt.asOf {
				t.Errorf("as of %q, want %q", r.AsOf, tt.asOf)
			}
			text := r.Text()
			if tt.wantLine != "" && !strings.Contains(text, tt.wantLine) {
				t.Errorf("missing %q in\n%s", tt.wantLine, text)
			}
			if tt.noLine != "" && strings.Contains(text, tt.noLine) {
				t.Errorf("unexpected %q in\n%s", tt.noLine, text)
			}
			if !strings.Contains(text, "Figures as of ") {
				t.Errorf("no date in\n%s", text)
			}
		})
	}
}

func TestRefusals(t *testing.T) {
	tests := []struct {
		name string
		in   Input
		want string
	}{
		{"teleconsultation fee unconfirmed", Input{Act: "teleconsultation", Sector: 1}, "teleconsultation fee is not confirmed"},
		{"paramedical", Input{Act: "paramedical"}, "no fee for paramedical acts"},
		{"AME", Input{Act: "gp", Sector: 1, AME: true}, "the AME has no verified rate"},
		{"maternity outside the parcours", Input{Act: "gp", Sector: 1, Maternity: true, OutsideParcours: true}, "maternity cover outside the parcours"},
		{"maternity and the emergency fee", Input{Act: "emergency", Maternity: true}, "maternity cover"},
		{"sector 1 above the fee", Input{Act: "gp", Sector: 1, Price: 35}, "a sector 1 GP charges the official fee, 30 €"},
		{"specialist not in OPTAM", Input{Act: "specialist", Sector: 2, Price: 50}, "no reimbursement base for a sector 2 specialist outside OPTAM"},
		{"sector 2 without a price", Input{Act: "gp", Sector: 2, OPTAM: true}, "give the price"},
		{"below the base", Input{Act: "gp", Sector: 2, OPTAM: true, Price: 20}, "below the reimbursement base"},
		{"C2S and an extra fee", Input{Act: "gp", Sector: 2, OPTAM: true, Price: 40, C2S: true}, "under the C2S a doctor may not charge more"},
		{"C2S outside the parcours", Input{Act: "gp", Sector: 1, C2S: true, OutsideParcours: true}, "C2S treats a visit outside the parcours"},
		{"ALD outside the parcours", Input{Act: "gp", Sector: 1, ALD: true, OutsideParcours: true}, "ALD care outside the parcours"},
		{"sector 3 outside the parcours", Input{Act: "gp", Sector: 3, Price: 40, OutsideParcours: true}, "sector 3"},
		{"ALD and a 15 % medicine", Input{Act: "medicine-15", Price: 10, ALD: true}, "15 %"},
		{"medicine without a price", Input{Act: "medicine-65"}, "price of the box"},
		{"mutuelle and the forfait journalier", Input{Act: "hospital-day", Mutuelle: 100}, "depends on the contract"},
		{"ALD and the forfait journalier", Input{Act: "hospital-day", ALD: true}, "no verified list"},
		{"C2S and the emergency fee", Input{Act: "emergency", C2S: true}, "C2S patients"},
		{"price for a flat charge", Input{Act: "emergency", Price: 30}, "leave out the price"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Compute(lookup, tt.in)
			var ref *Refusal
			if !errors.As(err, &ref) {
				t.Fatalf("got %v, want a refusal", err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %q, want %q", err, tt.want)
			}
		})
	}
}

func TestMissingFigureIsRefused(t *testing.T) {
	partial := func(name string) (content.Figure, bool) {
		if name == "participation-forfaitaire-annual-cap" {
			return content.Figure{}, false
		}
		return lookup(name)
	}
	_, err := Compute(partial, Input{Act: "gp", Sector: 1})
	if err == nil || !strings.Contains(err.Error(), `no "participation-forfaitaire-annual-cap" figure`) {
		t.Errorf("got %v", err)
	}
}

func TestBadInput(t *testing.T) {
	for _, in := range []Input{
		{Act: "massage"},
		{Act: "gp"},
		{Act: "gp", Sector: 4},
		{Act: "gp", Sector: 1, OPTAM: true},
		{Act: "gp", Sector: 1, Price: -1},
		{Act: "gp", Sector: 1, Mutuelle: 50},
		{Act: "gp", Sector: 1, PaidThisYear: -3},
		{Act: "medicine-65", Sector: 1, Price: 3},
		{Act: "medicine-65", Price: 3, OutsideParcours: true},
		{Act: "gp", Sector: 1, C2S: true, AME: true},
		{Act: "gp", Sector: 1, C2S: true, Mutuelle: 100},
	} {
		_, err := Compute(lookup, in)
		var ref *Refusal
		if err == nil || errors.As(err, &ref) {
			t.Errorf("%+v: got %v, want an input error", in, err)
		}
	}
}

// TestGuideExample runs the guide's reimbursement example against the
// real figures table.
func TestGuideExample(t *testing.T) {
	lib, err := content.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	r, err := Compute(lib.Figure, Input{Act: "gp", Sector: 1, Price: 30})
	if err != nil {
		t.Fatal(err)
	}
	if r.AMO != 19 || r.You != 11 {
		t.Errorf("AMO %v, you %v; the guide says 19 € and 11 €", r.AMO, r.You)
	}
	r, err = Compute(lib.Figure, Input{Act: "gp", Sector: 1, Price: 30, OutsideParcours: true, Mutuelle: 100})
	if err != nil {
		t.Fatal(err)
	}
	if r.AMO != 7 || r.You != 14 {
		t.Errorf("AMO %v, you %v; the guide says 7 € and about 14 €", r.AMO, r.You)
	}
	if !strings.Contains(r.Text(), "Figures as of 22 December 2024") {
		t.Errorf("%s", r.Text())
	}
}

func TestText(t *testing.T) {
	r, err := Compute(lookup, Input{Act: "gp", Sector: 2, OPTAM: true, Price: 40, Mutuelle: 150})
	if err != nil {
		t.Fatal(err)
	}
	want := `GP consultation, sector 2 (OPTAM)

Price charged                                40 €
Base (tarif de convention)                   30 €
    sector 2 with OPTAM: the same base as sector 1
Dépassement (price − base)                   10 €
    never paid by the Assurance Maladie
Rate                                         70 %
    in the parcours de soins
Assurance Maladie share (70 % × 30 €)        21 €
Participation forfaitaire                    -2 €
    kept back from the refund; no mutuelle may pay it back under a
    contrat responsable
Assurance Maladie pays                       19 €
Ticket modérateur                             9 €
Mutuelle pays                                19 €
    cover 150 % of the base, minus the Assurance Maladie's normal share;
    assuming a contrat responsable
Left for you                                  2 €

- The participation forfaitaire stops once 50 € has been deducted in a
  calendar year; give what was already deducted this year to apply the
  cap.
- At most 8 € of participations a day with the same professional.
Figures as of 22 December 2024 (secu show key-figures).
`
	if got := r.Text(); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

// TestEveryCombination tries every act, sector, price and situation:
// each is either refused with a reason, rejected as bad input, or adds up
// (Assurance Maladie + mutuelle + you = what was charged).
func TestEveryCombination(t *testing.T) {
	n, computed := 0, 0
	for _, act := range Acts {
		for sector := 0; sector <= 3; sector++ {
			for _, optam := range []bool{false, true} {
				for _, price := range []float64{0, 5, 23, 30, 31.5, 40, 120} {
					for _, mut := range []int{0, 100, 150, 300} {
						for flags := 0; flags < 1<<6; flags++ {
							in := Input{Act: act, Sector: sector, OPTAM: optam, Price: price, Mutuelle: mut,
								OutsideParcours: flags&1 != 0, Under18: flags&2 != 0, ALD: flags&4 != 0,
								C2S: flags&8 != 0, AME: flags&16 != 0, PaidThisYear: float64(flags&32) * 1.5}
							n++
							r, err := Compute(lookup, in)
							if err != nil {
								if err.Error() == "" {
									t.Fatalf("%+v: empty error", in)
								}
								continue
							}
							computed++
							if cents(r.AMO)+cents(r.Top)+cents(r.You) != cents(r.Charged) {
								t.Fatalf("%+v: %v + %v + %v != %v", in, r.AMO, r.Top, r.You, r.Charged)
							}
							if r.Top < 0 || r.AsOf == "" || len(r.Lines) < 3 {
								t.Fatalf("%+v: %+v", in, r)
							}
							if in.Mutuelle == 0 && !in.C2S && r.Top != 0 {
								t.Fatalf("%+v: a top-up without a mutuelle", in)
							}
						}
					}
				}
			}
		}
	}
	if computed == 0 || computed == n {
		t.Errorf("%d of %d computed", computed, n)
	}
}

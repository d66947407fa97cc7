// Package refund works out, for one act of care, what the Assurance
// Maladie pays, what a mutuelle pays and what is left to the patient,
// with every line of the calculation. Every amount and rate comes from
// the figures table of the content folder; the rules here only say which
// figure applies when. What the guide's sources do not settle is refused
// with the reason, never guessed. The package is pure: no terminal.
package refund

import (
	"fmt"
	"math"
	"strings"

	"secu/content"
)

// Lookup finds a figure of the table by name (content.Library.Figure).
type Lookup func(name string) (content.Figure, bool)

// Acts the calculator knows, in the order a form offers them.
var Acts = []string{"gp", "specialist", "teleconsultation", "medicine-65", "medicine-30", "medicine-15", "hospital-day", "emergency", "paramedical"}

// ActLabels describe each act for a form or a heading.
var ActLabels = map[string]string{
	"gp":               "GP consultation",
	"specialist":       "Specialist consultation",
	"teleconsultation": "GP teleconsultation",
	"medicine-65":      "Medicine reimbursed at 65 %",
	"medicine-30":      "Medicine reimbursed at 30 %",
	"medicine-15":      "Medicine reimbursed at 15 %",
	"hospital-day":     "A day in hospital (forfait journalier)",
	"emergency":        "Emergency visit without admission",
	"paramedical":      "Paramedical act (nurse, physiotherapist…)",
}

// Input describes the act and the patient's situation.
type Input struct {
	Act             string  `json:"act"`
	Sector          int     `json:"sector,omitempty"` // 1, 2 or 3, for a consultation
	OPTAM           bool    `json:"optam"`            // sector 2 doctor in the OPTAM scheme
	Price           float64 `json:"price"`            // what is charged, in euros; 0 = the official fee (sector 1)
	Mutuelle        int     `json:"mutuelle"`         // the mutuelle's cover in % of the base (100, 150, 200…); 0 = none
	OutsideParcours bool    `json:"outside_parcours"` // no médecin traitant, no referral, no exception
	Under18         bool    `json:"under_18"`
	ALD             bool    `json:"ald"` // care linked to a long-term illness (ALD)
	Maternity       bool    `json:"maternity"`
	C2S             bool    `json:"c2s"`
	AME             bool    `json:"ame"`
	PaidThisYear    float64 `json:"paid_this_year"` // participations (or franchises, for a medicine) already deducted this year
}

// Line is one line of the calculation.
type Line struct {
	Label  string  `json:"label"`
	Amount float64 `json:"amount"`           // euros (a rate line holds the percentage)
	Unit   string  `json:"unit"`             // EUR or percent
	Figure string  `json:"figure,omitempty"` // the figure it comes from
	Note   string  `json:"note,omitempty"`
}

// Result is the calculation for one act.
type Result struct {
	Input    Input            `json:"input"`
	Lines    []Line           `json:"lines"`
	Charged  float64          `json:"charged"`
	AMO      float64          `json:"assurance_maladie"` // what the Assurance Maladie pays (after deductions)
	Top      float64          `json:"mutuelle"`          // what the mutuelle (or the C2S) pays
	TopName  string           `json:"mutuelle_name"`     // "mutuelle", "C2S" or ""
	You      float64          `json:"you_pay"`           // what is left for the patient
	Notes    []string         `json:"notes"`
	AsOf     string           `json:"figures_as_of"` // the newest "since" among the figures used
	Figures  []content.Figure `json:"figures"`       // the figures used
	fromCode map[string]bool
}

// Refusal is an act or situation the calculator cannot compute exactly.
type Refusal struct{ Reason string }

func (r *Refusal) Error() string { return r.Reason }

func refuse(format string, args ...any) error { return &Refusal{fmt.Sprintf(format, args...)} }

// cents turns euros into whole cents, rounding half away from zero.
func cents(eur float64) int64 { return int64(math.Round(eur * 100)) }

func euros(c int64) float64 { return float64(c) / 100 }

// pct applies a rate in percent to an amount in cents, rounded to the cent.
func pct(c int64, rate float64) int64 { return int64(math.Round(float64(c) * rate / 100)) }

// calc gathers the figures and lines of one computation.
type calc struct {
	look Lookup
	res  *Result
	err  error
}

func (c *calc) fig(name, needFor string) content.Figure {
	f, ok := c.look(name)
	if !ok {
		if c.err == nil {
			c.err = refuse("the figures table has no %q figure, needed for %s", name, needFor)
		}
		return content.Figure{}
	}
	if !c.res.fromCode[name] {
		c.res.fromCode[name] = true
		c.res.Figures = append(c.res.Figures, f)
		if f.Since > c.res.AsOf {
			c.res.AsOf = f.Since
		}
	}
	return f
}

func (c *calc) line(label string, amount int64, figure, note string) {
	c.res.Lines = append(c.res.Lines, Line{Label: label, Amount: euros(amount), Unit: "EUR", Figure: figure, Note: note})
}

func (c *calc) rate(label string, rate float64, figure, note string) {
	c.res.Lines = append(c.res.Lines, Line{Label: label, Amount: rate, Unit: "percent", Figure: figure, Note: note})
}

func (c *calc) note(format string, args ...any) {
	c.res.Notes = append(c.res.Notes, fmt.Sprintf(format, args...))
}

// Check reports inputs that make no sense whatever the figures.
func (in Input) Check() error {
	known := false
	for _, a := range Acts {
		known = known || a == in.Act
	}
	if !known {
		return fmt.Errorf("unknown act %q (use %s)", in.Act, strings.Join(Acts, ", "))
	}
	if in.Price < 0 || in.Price > 100000 || math.IsNaN(in.Price) {
		return fmt.Errorf("the price must be between 0 and 100,000 €, not %v", in.Price)
	}
	if in.Mutuelle != 0 && (in.Mutuelle < 100 || in.Mutuelle > 1000) {
		return fmt.Errorf("the mutuelle's cover is a share of the base from 100 to 1000 (%%), or 0 for none, not %d", in.Mutuelle)
	}
	if in.PaidThisYear < 0 || in.PaidThisYear > 10000 || math.IsNaN(in.PaidThisYear) {
		return fmt.Errorf("the amount already paid this year must be between 0 and 10,000 €, not %v", in.PaidThisYear)
	}
	if consultation(in.Act) {
		if in.Sector < 1 || in.Sector > 3 {
			return fmt.Errorf("a consultation needs the doctor's sector: 1, 2 or 3")
		}
		if in.OPTAM && in.Sector != 2 {
			return fmt.Errorf("OPTAM concerns sector 2 doctors only")
		}
	} else {
		if in.Sector != 0 || in.OPTAM {
			return fmt.Errorf("the sector and OPTAM concern doctors' consultations, not %q", in.Act)
		}
		if in.OutsideParcours {
			return fmt.Errorf("the parcours de soins concerns doctors' consultations, not %q", in.Act)
		}
	}
	if in.C2S && in.AME {
		return fmt.Errorf("the C2S and the AME do not go together: the AME is for people outside the ordinary health insurance")
	}
	if (in.C2S || in.AME) && in.Mutuelle != 0 {
		return fmt.Errorf("with the C2S or the AME, leave out the mutuelle: the C2S takes its place")
	}
	return nil
}

// IsConsultation reports whether an act is a doctor's consultation, which
// needs the doctor's sector.
func IsConsultation(act string) bool { return consultation(act) }

func consultation(act string) bool {
	return act == "gp" || act == "specialist" || act == "teleconsultation"
}

// Compute works out one act. It returns a *Refusal when the guide's
// figures or sources cannot settle the amount exactly.
func Compute(look Lookup, in Input) (Result, error) {
	if err := in.Check(); err != nil {
		return Result{}, err
	}
	res := Result{Input: in, Lines: []Line{}, Notes: []string{}, Figures: []content.Figure{}, fromCode: map[string]bool{}}
	c := &calc{look: look, res: &res}
	switch {
	case in.AME:
		return Result{}, refuse("the AME has no verified rate in this guide (only that there is no upfront payment, no participation forfaitaire and no franchise): ask your CPAM")
	}
	switch {
	case consultation(in.Act):
		consult(c, in)
	case strings.HasPrefix(in.Act, "medicine-"):
		medicine(c, in)
	case in.Act == "hospital-day":
		flat(c, in, "forfait-hospitalier", "the forfait journalier (a day in hospital)")
	case in.Act == "emergency":
		flat(c, in, "forfait-patient-urgences", "the forfait patient urgences")
	case in.Act == "paramedical":
		c.err = refuse("the figures table holds no fee for paramedical acts (nurse, physiotherapist, speech therapist…), so their reimbursement cannot be computed; the franchise on each act is %s", franchiseText(look))
	}
	if c.err != nil {
		return Result{}, c.err
	}
	return res, nil
}

func franchiseText(look Lookup) string {
	if f, ok := look("franchise-paramedical"); ok {
		return f.Text()
	}
	return "in the franchise-medicale entry"
}

// deduction works out a participation forfaitaire or franchise under its
// yearly cap, given what was already deducted this year.
// exempt says why the patient pays neither the participation forfaitaire
// nor the franchise (the same people are spared both), or "".
func exempt(in Input) string {
	switch {
	case in.Under18:
		return "not charged under 18"
	case in.C2S:
		return "not charged with the C2S"
	case in.Maternity:
		return "not charged from the 6th month of pregnancy to 12 days after the birth"
	}
	return ""
}

func deduction(c *calc, name, capName, what string, paid float64) int64 {
	f := c.fig(name, what)
	capF := c.fig(capName, "the yearly cap on "+what)
	if c.err != nil {
		return 0
	}
	amount := cents(f.Value)
	room := max(0, cents(capF.Value)-cents(paid))
	if room < amount {
		c.note("The yearly cap on %s is %s; with %s already deducted this year, %s is deducted here.", what, capF.Text(), money(cents(paid)), money(room))
		return room
	}
	c.note("The %s stops once %s has been deducted in a calendar year; give what was already deducted this year to apply the cap.", what, capF.Text())
	return amount
}

// consult computes a doctor's consultation.
func consult(c *calc, in Input) {
	spec := in.Act == "specialist"
	who := "GP"
	if spec {
		who = "specialist"
	}
	if in.Act == "teleconsultation" {
		// A figure named teleconsultation would settle it; sources conflict.
		if _, ok := c.look("teleconsultation"); !ok {
			c.err = refuse("the teleconsultation fee is not confirmed (sources give 25 € or 26.50 €), so the figures table has none")
			return
		}
	}
	if in.C2S && in.OutsideParcours {
		c.err = refuse("how the C2S treats a visit outside the parcours de soins is not settled by this guide's sources")
		return
	}
	if in.Maternity && in.OutsideParcours {
		c.err = refuse("this guide has no verified rule for maternity cover outside the parcours de soins")
		return
	}
	if in.ALD && in.OutsideParcours {
		c.err = refuse("ALD care is covered at 100 %% under the care plan drawn up with your médecin traitant; this guide has no verified rule for ALD care outside the parcours de soins")
		return
	}
	if in.Sector == 3 && in.OutsideParcours {
		c.err = refuse("this guide has no verified rule for a doctor outside the agreement (sector 3) outside the parcours de soins")
		return
	}

	// The base (tarif de convention, or tarif d'autorité in sector 3).
	var baseName, baseNote string
	switch {
	case in.Sector == 3:
		baseName = "tarif-autorite-gp"
		if spec {
			baseName = "tarif-autorite-specialist"
		}
		baseNote = "sector 3 doctors are outside the agreement: the base is the tarif d'autorité"
	case in.Sector == 2 && !in.OPTAM:
		if spec {
			c.err = refuse("the figures table has no reimbursement base for a sector 2 specialist outside OPTAM")
			return
		}
		baseName = "gp-base-non-optam"
		baseNote = "sector 2 without OPTAM: a lower base than sector 1"
	case in.Act == "teleconsultation":
		baseName = "teleconsultation"
	case spec:
		baseName = "specialist-consultation"
		baseNote = "the basic specialist fee; some specialties have higher fees"
	default:
		baseName = "gp-consultation"
	}
	if in.Sector == 2 && in.OPTAM {
		baseNote = "sector 2 with OPTAM: the same base as sector 1"
	}
	baseF := c.fig(baseName, "the "+who+"'s reimbursement base")
	if c.err != nil {
		return
	}
	base := cents(baseF.Value)
	if in.Sector == 1 || in.Act == "teleconsultation" {
		conv := base
		if in.Price == 0 {
			in.Price = euros(conv)
			c.res.Input.Price = in.Price
		}
		if cents(in.Price) != conv {
			c.err = refuse("a sector 1 %s charges the official fee, %s; a price of %s means another act or an exceptional extra fee, which this guide cannot price", who, baseF.Text(), money(cents(in.Price)))
			return
		}
	}
	if in.Price == 0 {
		c.err = refuse("give the price the doctor charges (sector %d doctors set their own fees)", in.Sector)
		return
	}
	price := cents(in.Price)
	if price < base {
		c.err = refuse("the price %s is below the reimbursement base %s: the Assurance Maladie never pays more than was charged, and this guide has no rule for that case", money(price), money(base))
		return
	}
	over := price - base
	if in.C2S && over > 0 {
		c.err = refuse("under the C2S a doctor may not charge more than the official fee, except on your special request (an unusual time or place), and this guide does not say who pays that extra")
		return
	}

	// The rate.
	rateName := "amo-rate-consultation"
	rateLabel := "in the parcours de soins"
	if in.OutsideParcours {
		rateName, rateLabel = "amo-rate-outside-parcours", "outside the parcours de soins"
	}
	normalF := c.fig("amo-rate-consultation", "the Assurance Maladie rate")
	rateF := c.fig(rateName, "the Assurance Maladie rate")
	if c.err != nil {
		return
	}
	rate := rateF.Value
	rateFig := rateName
	switch {
	case in.Maternity:
		rate, rateLabel, rateFig = 100, "maternity cover, from the 6th month of pregnancy to 12 days after the birth", ""
	case in.ALD:
		rate, rateLabel, rateFig = 100, "care linked to an ALD: no ticket modérateur", ""
	}

	c.line("Price charged", price, "", "")
	c.line("Base (tarif de convention)", base, baseName, baseNote)
	if in.Sector == 3 {
		c.res.Lines[len(c.res.Lines)-1].Label = "Base (tarif d'autorité)"
	}
	if over > 0 {
		c.line("Dépassement (price − base)", over, "", "never paid by the Assurance Maladie")
	}
	c.rate("Rate", rate, rateFig, rateLabel)
	gross := pct(base, rate)
	c.line(fmt.Sprintf("Assurance Maladie share (%s × %s)", percent(rate), money(base)), gross, "", "")

	// The participation forfaitaire.
	var pf int64
	if why := exempt(in); why != "" {
		c.line("Participation forfaitaire", 0, "", why)
	} else {
		pf = deduction(c, "participation-forfaitaire", "participation-forfaitaire-annual-cap", "participation forfaitaire", in.PaidThisYear)
		if c.err != nil {
			return
		}
		c.line("Participation forfaitaire", -pf, "participation-forfaitaire", "kept back from the refund; no mutuelle may pay it back under a contrat responsable")
		if daily, ok := c.look("participation-forfaitaire-daily-cap"); ok {
			c.note("At most %s of participations a day with the same professional.", daily.Text())
		}
	}
	amo := gross - pf
	c.line("Assurance Maladie pays", amo, "", "")
	if amo < 0 {
		c.note("The Assurance Maladie's share is smaller than the participation forfaitaire: the rest, %s, is taken from a later refund.", money(-amo))
	}

	// The ticket modérateur, and the penalty outside the parcours.
	tm := base - gross
	normal := pct(base, normalF.Value)
	penalty := int64(0)
	if in.OutsideParcours {
		penalty = normal - gross
	}
	if tm > 0 {
		note := ""
		if penalty > 0 {
			note = fmt.Sprintf("of which %s is the penalty for being outside the parcours, which a contrat responsable does not pay", money(penalty))
		}
		c.line("Ticket modérateur", tm, "", note)
	}

	// The mutuelle or the C2S.
	var top int64
	switch {
	case in.C2S:
		top = tm
		c.res.TopName = "C2S"
		c.line("C2S pays", top, "", "the ticket modérateur")
	case in.Mutuelle > 0:
		// The contract pays up to Mutuelle % of the base, counting what
		// the Assurance Maladie pays at the normal rate: the penalty and
		// the participation forfaitaire stay with the patient.
		paidRate := normal
		if in.ALD || in.Maternity {
			paidRate = gross
		}
		limit := pct(base, float64(in.Mutuelle)) - paidRate
		top = max(0, min(limit, tm-penalty+over))
		c.res.TopName = "mutuelle"
		c.line("Mutuelle pays", top, "", fmt.Sprintf("cover %d %% of the base, minus the Assurance Maladie's normal share; assuming a contrat responsable", in.Mutuelle))
	}
	you := price - amo - top
	c.line("Left for you", you, "", "")
	c.res.Charged, c.res.AMO, c.res.Top, c.res.You = euros(price), euros(amo), euros(top), euros(you)

	if in.OutsideParcours && in.Under18 {
		c.note("Children under 16 are never penalised for being outside the parcours de soins; at 16 or 17 they are.")
	}
	if spec && !in.OutsideParcours {
		c.note("In the parcours means your médecin traitant sent you, or the specialty may be seen directly (gynaecology, ophthalmology, psychiatry from 16 to 25, stomatology).")
	}
}

// medicine computes one box of a medicine at 65, 30 or 15 %.
func medicine(c *calc, in Input) {
	names := map[string]string{"medicine-65": "medicine-rate-major", "medicine-30": "medicine-rate-moderate", "medicine-15": "medicine-rate-low"}
	rateName := names[in.Act]
	if in.Price == 0 {
		c.err = refuse("give the price of the box (--price)")
		return
	}
	if in.ALD && !in.Maternity && in.Act == "medicine-15" {
		c.err = refuse("whether an ALD removes the ticket modérateur on a medicine reimbursed at 15 %% is not settled by this guide's sources")
		return
	}
	rateF := c.fig(rateName, "the rate of this medicine")
	if c.err != nil {
		return
	}
	price := cents(in.Price)
	rate, rateLabel, rateFig := rateF.Value, "", rateName
	switch {
	case in.Maternity:
		rate, rateLabel, rateFig = 100, "maternity cover, from the 6th month of pregnancy to 12 days after the birth", ""
	case in.ALD:
		rate, rateLabel, rateFig = 100, "medicine for an ALD: no ticket modérateur", ""
	}
	c.line("Price of the box", price, "", "taken as its reimbursement base")
	c.rate("Rate", rate, rateFig, rateLabel)
	gross := pct(price, rate)
	c.line(fmt.Sprintf("Assurance Maladie share (%s × %s)", percent(rate), money(price)), gross, "", "")
	var fr int64
	if why := exempt(in); why != "" {
		c.line("Franchise médicale", 0, "", why)
	} else {
		fr = deduction(c, "franchise-medicine", "franchise-annual-cap", "franchise médicale", in.PaidThisYear)
		if c.err != nil {
			return
		}
		c.line("Franchise médicale (per box)", -fr, "franchise-medicine", "kept back from the refund; a contrat responsable may not pay it back")
	}
	amo := gross - fr
	c.line("Assurance Maladie pays", amo, "", "")
	if amo < 0 {
		c.note("The Assurance Maladie's share is smaller than the franchise: the rest, %s, is taken from a later refund.", money(-amo))
	}
	tm := price - gross
	if tm > 0 {
		c.line("Ticket modérateur", tm, "", "")
	}
	var top int64
	switch {
	case in.C2S:
		top = tm
		c.res.TopName = "C2S"
		c.line("C2S pays", top, "", "the ticket modérateur")
	case in.Mutuelle > 0:
		top = max(0, min(pct(price, float64(in.Mutuelle))-gross, tm))
		c.res.TopName = "mutuelle"
		c.line("Mutuelle pays", top, "", fmt.Sprintf("cover %d %% of the base, minus the Assurance Maladie's share", in.Mutuelle))
	}
	you := price - amo - top
	c.line("Left for you", you, "", "")
	c.res.Charged, c.res.AMO, c.res.Top, c.res.You = euros(price), euros(amo), euros(top), euros(you)
	c.note("This assumes the price of the box is its reimbursement base, as for most medicines; a generic group under a tarif forfaitaire de responsabilité has a lower base.")
}

// flat computes a flat charge the patient pays (a day in hospital, an
// emergency visit without admission): the Assurance Maladie pays none of
// it.
func flat(c *calc, in Input, name, what string) {
	if in.Mutuelle > 0 {
		c.err = refuse("whether a mutuelle pays %s depends on the contract, not on a share of the base: check your table of benefits, or leave out the mutuelle", what)
		return
	}
	if in.C2S || in.Maternity {
		c.err = refuse("this guide has no verified rule on %s for C2S patients or maternity cover", what)
		return
	}
	if in.Price != 0 {
		c.err = refuse("%s is a flat amount from the figures table: leave out the price", what)
		return
	}
	if in.ALD && name == "forfait-hospitalier" {
		c.err = refuse("this guide has no verified list of who is exempt from the forfait journalier")
		return
	}
	if in.ALD {
		name = "forfait-patient-urgences-reduit"
	}
	f := c.fig(name, what)
	if c.err != nil {
		return
	}
	amount := cents(f.Value)
	label := "Forfait journalier hospitalier (one day)"
	if in.Act == "emergency" {
		label = "Forfait patient urgences"
		if in.ALD {
			label += " (reduced: ALD)"
		}
	}
	c.line(label, amount, name, "")
	c.line("Assurance Maladie pays", 0, "", "the Assurance Maladie does not pay this charge")
	c.line("Left for you", amount, "", "unless your mutuelle pays it")
	c.res.Charged, c.res.You = euros(amount), euros(amount)
	if in.Act == "emergency" {
		c.note("Some patients are exempt altogether; this guide has no verified list: ask the hospital or your CPAM.")
	} else {
		c.note("Only the flat daily charge: the medical costs of the stay are billed separately.")
	}
}

// money formats cents as the guide does: "19 €", "14.10 €", "-2 €".
func money(c int64) string {
	f := content.Figure{Value: euros(c), Unit: "EUR"}
	return f.Text()
}

func percent(r float64) string {
	f := content.Figure{Value: r, Unit: "percent"}
	return f.Text()
}

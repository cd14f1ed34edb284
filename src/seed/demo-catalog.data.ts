/**
 * Raw tables behind the demo catalog (a health and wellness shop). `demo-catalog.ts` expands
 * them into categories, products and variants; nothing here is random or computed.
 *
 * A leaf's `items` is a `;`-separated list of product names, where `{a|b}` expands to one
 * product per alternative, `@1999` overrides the leaf's base price (cents) and `/700` its
 * shipping weight (grams). `benefits` and `made` are `|`-separated phrases for descriptions:
 * benefits read after "supports …", made after "made with …".
 */

export interface OptionSpec {
  name: string
  values: string[]
  /** price multiplier per value (larger sizes cost more); 1 when absent */
  mult?: number[]
}

export interface LeafSpec {
  /** price in cents of the first (smallest) option combination, before a per-product factor */
  base: number
  /** weight in grams when no option value carries a measurable size */
  grams: number
  /** the options a product in this leaf offers when it has any */
  opts: OptionSpec[]
  benefits: string
  made: string
  items: string
}

export interface NodeSpec {
  name: string
  children?: NodeSpec[]
  leaf?: LeafSpec
}

export interface RootSpec extends NodeSpec {
  brands: string
  /** `|`-separated claims that read after "is …" */
  extras: string
  /** how a description introduces the `made` phrases */
  madeLabel: string
  /** appended to the product name for the second image's alt text */
  altDetail: string
}

const size = (values: string[], mult: number[]): OptionSpec => ({ name: 'Size', values, mult })
const flavour = (...values: string[]): OptionSpec => ({ name: 'Flavour', values })
const colour = (...values: string[]): OptionSpec => ({ name: 'Colour', values })
const scent = (...values: string[]): OptionSpec => ({ name: 'Scent', values })

const CAPS = [size(['60 capsules', '120 capsules'], [1, 1.7])]
const SOFTGELS = [size(['60 softgels', '120 softgels'], [1, 1.7])]
const TABS = [size(['60 tablets', '120 tablets'], [1, 1.7])]
const PROTEIN = [flavour('Chocolate', 'Vanilla', 'Unflavoured'), size(['500 g', '1 kg'], [1, 1.8])]
const BULK = [size(['150 g', '300 g'], [1, 1.7])]
const GEAR = [colour('Black', 'Blue', 'Orange')]

/** Used when a supplement leaf holds a liquid or a powder (by the name's last word). */
export const LIQUID_OPTS = [size(['50 ml', '100 ml'], [1, 1.6])]
export const POWDER_OPTS = [size(['150 g', '300 g'], [1, 1.7])]

const L = (name: string, base: number, grams: number, opts: OptionSpec[], benefits: string, made: string, items: string): NodeSpec => ({
  name,
  leaf: { base, grams, opts, benefits, made, items },
})
const B = (name: string, ...children: NodeSpec[]): NodeSpec => ({ name, children })

export const ROOTS: RootSpec[] = [
  {
    name: 'Vitamins & Supplements',
    brands: 'Northwind Naturals|PureRoots|Summit Labs|Verdant Vitality|Evergreen Nutrition|Coastal Apothecary|Stillwater Wellness',
    extras: 'third-party tested|free from gluten and dairy|made in a GMP-certified facility|non-GMO|free from artificial colours',
    madeLabel: 'Key ingredients',
    altDetail: ', supplement facts panel',
    children: [
      B('Vitamins',
        L('Vitamin C', 1299, 90, CAPS, 'normal immune function|collagen formation|antioxidant protection', 'acerola cherry|citrus bioflavonoids|rose hip extract',
          'Vitamin C 1000 mg {Tablets|Capsules}; Buffered Vitamin C 500 mg Capsules; Liposomal Vitamin C Liquid; Vitamin C with Rose Hips Tablets; Chewable Vitamin C 250 mg Tablets; Vitamin C Effervescent Tablets; Vitamin C + Zinc Lozenges'),
        L('Vitamin D', 1199, 60, SOFTGELS, 'healthy bones and teeth|normal muscle function|immune health', 'vitamin D3 (cholecalciferol)|extra virgin olive oil|vitamin K2 as MK-7',
          'Vitamin D3 {1000|2000|5000|10000} IU Softgels; Vitamin D3 + K2 Capsules; Vitamin D3 Liquid Drops; Vegan Vitamin D3 Spray; Kids Vitamin D3 Gummies'),
        L('Multivitamins', 1999, 120, TABS, 'daily energy|overall wellbeing|normal immune function', 'activated B vitamins|chelated minerals|a whole-food fruit and vegetable blend',
          "{Women's|Men's|Teen} Daily Multivitamin Tablets; {Women's|Men's} 50+ Multivitamin Tablets; Prenatal Multivitamin Capsules; Kids Multivitamin Gummies; Whole Food Multivitamin Capsules; Vegan Multivitamin & Mineral Tablets; Once Daily Multivitamin Softgels"),
        L('B Vitamins', 999, 70, CAPS, 'energy release|a healthy nervous system|reduced tiredness', 'methylcobalamin|folate as L-methylfolate|vitamin B6 as P-5-P',
          'Vitamin B12 {1000|5000} mcg Lozenges; Vitamin B Complex Capsules; Methylated B Complex Capsules; Folate 400 mcg Tablets; Vitamin B6 50 mg Tablets; Vitamin B12 Liquid Drops'),
      ),
      B('Minerals',
        L('Magnesium', 1499, 110, CAPS, 'muscle relaxation|restful sleep|reduced tiredness and fatigue', 'fully chelated magnesium|vitamin B6|a vegetable cellulose capsule',
          'Magnesium Glycinate; Magnesium {Citrate|Malate|Taurate|L-Threonate} Capsules; Magnesium Bisglycinate Powder; Magnesium Oil Spray; Magnesium + B6 Tablets'),
        L('Zinc', 899, 60, CAPS, 'normal immune function|healthy skin|normal fertility', 'zinc picolinate|copper gluconate|organic pumpkin seed',
          'Zinc Picolinate {15|30} mg Capsules; Zinc Gluconate Lozenges; Zinc + Copper Tablets; Liquid Zinc Drops; Zinc Bisglycinate 25 mg Tablets'),
        L('Iron', 1099, 60, CAPS, 'normal red blood cell formation|reduced tiredness|cognitive function', 'iron bisglycinate|vitamin C|folate',
          'Gentle Iron {14|25} mg Capsules; Iron Bisglycinate Tablets; Liquid Iron Tonic; Iron + Vitamin C Tablets; Plant-Based Iron Capsules'),
        L('Calcium', 1099, 150, TABS, 'strong bones|healthy teeth|normal muscle function', 'calcium citrate|vitamin D3|calcified sea algae',
          'Calcium + Vitamin D3 Tablets; Calcium Citrate Capsules; Algae Calcium Tablets; Calcium Gummies; Calcium Magnesium Zinc Tablets'),
      ),
      B('Omega & Fish Oils',
        L('Fish Oil', 1799, 150, SOFTGELS, 'heart health|normal brain function|healthy vision', 'wild-caught anchovy and sardine oil|natural lemon oil|vitamin E as an antioxidant',
          'Omega-3 Fish Oil {1000|2000} mg; Triple Strength Omega-3 Softgels; Wild Alaskan Salmon Oil Softgels; Cod Liver Oil {Liquid|Softgels}; Kids Omega-3 Fish Oil Gummies; Omega-3 Fish Oil Lemon Liquid'),
        L('Vegan Omega', 2199, 100, SOFTGELS, 'heart health|normal brain function|healthy vision', 'sustainably farmed algal oil|cold-pressed flaxseed oil|rosemary extract',
          'Algae Omega-3 Softgels; Vegan Omega-3 DHA + EPA Capsules; Flaxseed Oil {1000 mg Softgels|Liquid}; Omega 3-6-9 Softgels; Chia Seed Oil Capsules'),
        L('Krill Oil', 2499, 80, SOFTGELS, 'heart health|joint comfort|normal brain function', 'MSC-certified Antarctic krill oil|natural astaxanthin|phospholipid-bound omega-3s',
          'Antarctic Krill Oil {500|1000} mg Softgels; Krill Oil + Astaxanthin Softgels; Krill Oil Mini Softgels'),
      ),
      B('Herbal Supplements',
        L('Adaptogens', 1799, 90, CAPS, 'a calm, balanced mood|stress resilience|steady energy', 'organic ashwagandha root|black pepper extract|organic Rhodiola rosea',
          "Ashwagandha Root Extract; KSM-66 Ashwagandha Capsules; Rhodiola Rosea Capsules; Holy Basil Extract Capsules; Lion's Mane Mushroom Capsules; Reishi Mushroom Powder; Maca Root Powder; Panax Ginseng Extract Capsules; Cordyceps Mushroom Capsules"),
        L('Digestive Health', 1999, 80, CAPS, 'comfortable digestion|a balanced gut microbiome|regularity', 'live cultures|inulin from chicory root|digestive enzymes',
          'Probiotic {10|50} Billion CFU Capsules; Digestive Enzymes Capsules; Psyllium Husk Powder; Peppermint Oil Capsules; Ginger Root Capsules; Apple Cider Vinegar Gummies; Prebiotic Fibre Powder'),
        L('Immune Support', 1499, 90, CAPS, 'normal immune function|seasonal wellbeing|antioxidant protection', 'black elderberry extract|vitamin C|zinc citrate',
          'Elderberry {Gummies|Syrup}; Echinacea Capsules; Oil of Oregano Softgels; Olive Leaf Extract Capsules; Quercetin + Bromelain Capsules; Turmeric Curcumin Capsules; Garlic Extract Tablets'),
      ),
    ],
  },
  {
    name: 'Sports Nutrition',
    brands: 'Summit Labs|IronPeak Performance|Kinetic Fuel|Trailhead Nutrition|Evergreen Nutrition',
    extras: 'batch tested for banned substances|free from artificial colours|gluten free|made in a GMP-certified facility',
    madeLabel: 'Key ingredients',
    altDetail: ', nutrition facts panel',
    children: [
      B('Protein',
        L('Whey Protein', 2999, 1100, PROTEIN, 'muscle growth|post-workout recovery|a high-protein diet', 'cold-filtered whey protein|digestive enzymes|natural flavourings',
          'Whey Protein Isolate; Whey Protein Concentrate; Grass-Fed Whey Protein; Hydrolysed Whey Protein; Whey Protein Blend; Lean Whey Protein; Casein Night Protein; Clear Whey Isolate'),
        L('Plant Protein', 2799, 1100, PROTEIN, 'muscle growth|post-workout recovery|a plant-based diet', 'pea protein isolate|brown rice protein|coconut sugar',
          'Pea Protein Isolate; Organic Pea & Rice Protein; Hemp Protein Powder; Soy Protein Isolate; Pumpkin Seed Protein; Vegan Protein Blend; Sprouted Brown Rice Protein'),
        L('Protein Bars & Snacks', 1999, 800, [flavour('Chocolate Brownie', 'Peanut Butter', 'Cookies & Cream'), size(['12 bars', '24 bars'], [1, 1.9])],
          'a high-protein snack|muscle recovery|steady energy between meals', 'milk protein|roasted peanuts|dark chocolate',
          'High Protein Bar; Vegan Protein Bar; Protein Crisp Bar; Low Sugar Protein Bar; Double Layer Protein Bar; Protein Wafer Bar; Protein Flapjack'),
      ),
      B('Performance',
        L('Pre-Workout', 2999, 350, [flavour('Fruit Punch', 'Blue Raspberry', 'Lemon Lime'), size(['300 g', '600 g'], [1, 1.8])],
          'focus and energy|training performance|endurance', 'L-citrulline|beta-alanine|natural caffeine from green tea',
          'Pre-Workout Energy Formula; Stim-Free Pre-Workout; Nitric Oxide Pump Formula; Natural Pre-Workout; Beta-Alanine Powder; Citrulline Malate Powder; Caffeine 200 mg Tablets'),
        L('Creatine', 1999, 300, [size(['250 g', '500 g'], [1, 1.7])], 'strength and power|high-intensity training|lean muscle', 'creatine monohydrate|creatine HCl|micronised creatine',
          'Creatine Monohydrate Powder; Micronised Creatine; Creatine HCl Capsules; Creatine Monohydrate Capsules; Creatine Gummies; Buffered Creatine Tablets'),
        L('Amino Acids', 2299, 300, [flavour('Watermelon', 'Tropical', 'Unflavoured'), size(['250 g', '500 g'], [1, 1.7])],
          'muscle recovery|reduced muscle soreness|hydration during training', 'branched-chain amino acids|L-glutamine|coconut water powder',
          'BCAA 2:1:1 Powder; EAA Recovery Powder; L-Glutamine Powder; BCAA Capsules; Acetyl L-Carnitine Capsules; HMB 1000 mg Tablets; Intra-Workout Amino Blend'),
      ),
      L('Hydration', 1599, 300, [flavour('Lemon', 'Mixed Berry', 'Orange'), size(['20 servings', '40 servings'], [1, 1.8])],
        'hydration|electrolyte balance|endurance in the heat', 'electrolyte minerals|coconut water|natural fruit flavours',
        'Electrolyte Drink Mix; Electrolyte Tablets; Coconut Water Powder; Hydration Multiplier Sticks; Sugar-Free Electrolyte Powder; Isotonic Sports Drink Powder; Endurance Carb Drink Mix'),
    ],
  },
  {
    name: 'Natural Beauty',
    brands: 'Bloom & Botanica|Lumen Skincare|Wildflower Apothecary|PureRoots|Coastal Apothecary',
    extras: 'cruelty-free|free from parabens and artificial fragrance|packaged in recyclable materials|made in small batches',
    madeLabel: 'Key ingredients',
    altDetail: ', ingredients on the back of the pack',
    children: [
      B('Skin Care',
        L('Face Serums', 2499, 90, [size(['15 ml', '30 ml'], [1, 1.7])], 'a bright, even complexion|deep hydration|visibly smoother skin', 'hyaluronic acid|niacinamide|cold-pressed rosehip oil',
          'Vitamin C Brightening Serum; Hyaluronic Acid Serum; Niacinamide 10% Serum; Retinol Night Serum; Bakuchiol Serum; Rosehip Seed Oil; Squalane Face Oil; Vitamin E Face Oil'),
        L('Moisturisers', 1999, 150, [size(['50 ml', '100 ml'], [1, 1.7])], 'lasting hydration|a healthy skin barrier|soft, supple skin', 'shea butter|ceramides|organic aloe vera',
          'Daily Hydrating Face Cream; Aloe Vera Gel; Shea Butter Night Cream; Ceramide Barrier Cream; Mineral Sunscreen SPF 30; Tinted Moisturiser SPF 15; Calendula Balm; Eye Cream with Caffeine'),
        L('Cleansers', 1499, 200, [size(['150 ml', '300 ml'], [1, 1.7])], 'clean, balanced skin|clear pores|a gentle daily routine', 'colloidal oatmeal|tea tree oil|kaolin clay',
          'Gentle Foaming Cleanser; Oat Milk Cleanser; Micellar Water; Charcoal Clay Mask; Cleansing Balm; Tea Tree Face Wash; Rose Water Toner'),
      ),
      L('Hair Care', 1299, 300, [size(['250 ml', '500 ml'], [1, 1.6])], 'strong, shiny hair|a healthy scalp|manageable, frizz-free hair', 'cold-pressed argan oil|rosemary oil|coconut oil',
        'Argan Oil Shampoo; Coconut Conditioner; Rosemary Hair Growth Oil; Tea Tree Scalp Shampoo; Leave-In Conditioner Spray; Shea Butter Hair Mask; Volumising Shampoo'),
      B('Beauty Supplements',
        L('Collagen', 2999, 350, [flavour('Unflavoured', 'Vanilla'), size(['300 g', '600 g'], [1, 1.8])], 'skin elasticity|healthy hair and nails|joint comfort', 'hydrolysed collagen peptides|vitamin C|hyaluronic acid',
          'Collagen Peptides; Marine Collagen Powder; Collagen + Vitamin C Capsules; Collagen Booster Capsules; Collagen Beauty Gummies; Bovine Collagen Powder; Collagen Coffee Creamer'),
        L('Hair, Skin & Nails', 1699, 80, CAPS, 'healthy hair|strong nails|radiant skin', 'biotin|bamboo silica|zinc',
          'Biotin 10000 mcg Capsules; Hair Skin & Nails Gummies; Hyaluronic Acid Capsules; Silica from Bamboo Tablets; Evening Primrose Oil Softgels; Keratin Support Capsules'),
      ),
      B('Body Care',
        L('Body Lotions', 1399, 250, [size(['200 ml', '400 ml'], [1, 1.6])], 'soft, nourished skin|lasting moisture|soothed dry skin', 'cocoa butter|sweet almond oil|colloidal oatmeal',
          'Cocoa Butter Body Lotion; Oat & Honey Body Lotion; Coconut Body Butter; Arnica Muscle Rub; Unscented Hand Cream; Sweet Almond Body Oil'),
        L('Natural Deodorants', 1099, 90, [scent('Unscented', 'Lavender', 'Citrus')], 'all-day freshness|gentle underarm care|odour protection', 'arrowroot powder|magnesium hydroxide|shea butter',
          'Natural Deodorant Stick; Baking Soda Free Deodorant; Deodorant Cream; Crystal Deodorant Spray; Charcoal Deodorant Stick'),
        L('Bath & Shower', 1199, 400, [scent('Lavender', 'Eucalyptus', 'Unscented')], 'relaxation|soothed muscles|soft, clean skin', 'Epsom salt|Dead Sea salt|cold-pressed olive oil',
          'Epsom Salt Bath Soak; Olive Oil Soap Bar /120; Relaxing Bubble Bath; Invigorating Shower Gel; Dead Sea Salt Scrub; Oatmeal Bath Bomb /150'),
      ),
    ],
  },
  {
    name: 'Healthy Food & Drink',
    brands: 'Meadowbrook Pantry|Golden Harvest|Verdant Vitality|Northwind Naturals|Trailhead Nutrition|Moonwell',
    extras: 'certified organic|non-GMO|free from refined sugar|packed in plastic-free packaging',
    madeLabel: 'Key ingredients',
    altDetail: ', nutrition label',
    children: [
      B('Superfoods',
        L('Greens Powders', 2299, 200, BULK, 'daily greens intake|natural energy|healthy digestion', 'organic spirulina|wheatgrass juice powder|chlorella',
          'Organic Spirulina Powder; Chlorella Tablets; Wheatgrass Powder; Super Greens Blend; Moringa Leaf Powder; Barley Grass Powder; Matcha Green Tea Powder'),
        L('Seeds & Grains', 699, 550, [size(['500 g', '1 kg'], [1, 1.8])], 'a fibre-rich diet|plant-based protein|healthy fats', 'whole chia seeds|shelled hemp seeds|golden flaxseed',
          'Organic Chia Seeds; Ground Flaxseed; Hemp Hearts; Quinoa Grain; Buckwheat Groats; Pumpkin Seeds; Rolled Oats'),
        L('Superfood Powders', 1599, 200, BULK, 'antioxidant intake|natural energy|a colourful diet', 'raw cacao|freeze-dried acai berries|beetroot juice powder',
          'Cacao Powder; Acai Berry Powder; Beetroot Powder; Baobab Fruit Powder; Turmeric Latte Mix; Mushroom Coffee Blend'),
      ),
      B('Tea & Coffee',
        L('Herbal Tea', 599, 80, [size(['20 bags', '50 bags'], [1, 2.1])], 'relaxation|comfortable digestion|a caffeine-free ritual', 'whole chamomile flowers|organic peppermint leaves|ginger root',
          'Chamomile Tea; Peppermint Tea; Rooibos Tea; Ginger & Lemon Tea; Hibiscus Tea; Nettle Tea; Turmeric Chai; Detox Tea Blend'),
        L('Green Tea', 799, 80, [size(['20 bags', '50 bags'], [1, 2.1])], 'focus and calm alertness|antioxidant intake|a healthy metabolism', 'first-flush green tea leaves|shade-grown tencha|jasmine blossoms',
          'Sencha Green Tea; Organic Matcha Tea Bags; Jasmine Green Tea; Gunpowder Green Tea; Genmaicha; Green Tea with Mint'),
        L('Coffee Alternatives', 1199, 250, [size(['200 g', '400 g'], [1, 1.7])], 'a caffeine-free morning|comfortable digestion|a warming ritual', 'roasted dandelion root|roasted chicory|ground turmeric',
          'Dandelion Root Coffee; Chicory Coffee; Golden Milk Blend; Cacao Ceremony Blend; Barley Coffee'),
      ),
      B('Pantry',
        L('Nut Butters', 899, 300, [{ name: 'Texture', values: ['Smooth', 'Crunchy'] }, size(['250 g', '500 g'], [1, 1.7])], 'plant-based protein|healthy fats|steady energy', 'slow-roasted nuts|Himalayan pink salt|cold-pressed nut oil',
          'Almond Butter; Peanut Butter; Cashew Butter; Hazelnut Butter; Sunflower Seed Butter; Mixed Nut Butter'),
        L('Natural Sweeteners', 999, 300, [size(['250 g', '500 g'], [1, 1.7])], 'lower-sugar baking|a natural sweet taste|mindful sweetness', 'raw honey|pure maple syrup|monk fruit extract',
          'Raw Manuka Honey MGO 250 @3499; Organic Maple Syrup; Coconut Sugar; Stevia Powder; Monk Fruit Sweetener; Date Syrup; Raw Wildflower Honey'),
        L('Healthy Snacks', 499, 150, [size(['1 pouch', '6 pouches'], [1, 5.2])], 'smart snacking|steady energy|a fibre-rich diet', 'dry-roasted nuts|freeze-dried fruit|70% dark chocolate',
          'Dark Chocolate Almonds; Trail Mix; Kale Chips; Freeze-Dried Strawberries; Roasted Chickpeas; Coconut Chips; Fruit & Nut Bites'),
      ),
    ],
  },
  {
    name: 'Fitness Equipment',
    brands: 'FlowForm|Atlas Fitness|IronPeak Performance|Kinetic Gear',
    extras: 'built for daily use|easy to clean|backed by a two-year warranty|tested for durability',
    madeLabel: 'Materials',
    altDetail: ' in use',
    children: [
      B('Yoga & Pilates',
        L('Yoga Mats', 3499, 1800, [colour('Midnight Black', 'Sage Green', 'Ocean Blue', 'Dusty Rose')], 'better grip|joint comfort|stable balance', 'natural tree rubber|a non-slip polyurethane top layer|sustainably harvested cork',
          'Yoga Mat 6 mm; Yoga Mat 4 mm /1400; Cork Yoga Mat @5999; Natural Rubber Yoga Mat @4999; Travel Yoga Mat /900; Extra Thick Exercise Mat 10 mm; Hot Yoga Mat Towel @2499/450'),
        L('Yoga Props', 1499, 600, [colour('Charcoal', 'Sage Green', 'Natural')], 'better alignment|deeper stretches|stable balance', 'high-density EVA foam|natural cork|organic cotton',
          'Cork Yoga Block; Foam Yoga Block /200; Yoga Strap /150; Meditation Cushion @3999/1500; Pilates Ring; Yoga Wheel @2999/1200; Yoga Bolster @4499/2000'),
      ),
      B('Strength Training',
        L('Dumbbells', 1299, 2000, [{ name: 'Weight', values: ['2 kg', '4 kg', '6 kg', '8 kg'], mult: [1, 1.8, 2.5, 3.2] }], 'strength training|toned muscles|home workouts', 'cast iron|a neoprene coating|knurled chrome handles',
          'Neoprene Dumbbell; Hex Dumbbell; Rubber Hex Dumbbell; Chrome Dumbbell; Vinyl Dumbbell'),
        L('Kettlebells', 2999, 8000, [{ name: 'Weight', values: ['8 kg', '12 kg', '16 kg'], mult: [1, 1.4, 1.8] }], 'full-body strength|power and conditioning|grip strength', 'solid cast iron|a powder-coated finish|a wide, smooth handle',
          'Cast Iron Kettlebell; Competition Kettlebell @4499; Vinyl Kettlebell; Powder-Coated Kettlebell'),
        L('Resistance Bands', 999, 150, [{ name: 'Resistance', values: ['Light', 'Medium', 'Heavy'], mult: [1, 1.15, 1.3] }], 'strength training|mobility work|rehab exercises', 'natural latex|woven fabric|padded foam handles',
          'Loop Resistance Band; Fabric Booty Band; Tube Resistance Band with Handles; Pull-Up Assist Band; Figure-8 Resistance Band; Therapy Band'),
      ),
      B('Recovery',
        L('Foam Rollers', 2499, 700, GEAR, 'muscle recovery|reduced tightness|better mobility', 'high-density EPP foam|a hollow ABS core|a textured grid surface',
          'High-Density Foam Roller; Textured Foam Roller; Vibrating Foam Roller @6999/1200; Mini Foam Roller /300; Massage Stick /400'),
        L('Massage Tools', 1499, 300, GEAR, 'muscle recovery|relief from knots|relaxation', 'firm natural rubber|medical-grade silicone|recycled foam',
          'Massage Ball /100; Peanut Massage Ball /150; Percussion Massage Gun @9999/1100; Mini Massage Gun @5999/500; Acupressure Mat @2999/700; Spiky Massage Ball /80'),
      ),
      L('Cardio & Accessories', 1499, 300, GEAR, 'cardio fitness|home workouts|coordination and agility', 'a steel cable|ball-bearing handles|non-slip foam grips',
        'Speed Jump Rope; Weighted Jump Rope /600; Ab Roller Wheel /900; Push-Up Bars /800; Doorway Pull-Up Bar @3499/2200; Agility Ladder /700; Insulated Water Bottle /400; Microfibre Gym Towel /200'),
    ],
  },
  {
    name: 'Wellness & Sleep',
    brands: 'Moonwell|Stillwater Wellness|Wildflower Apothecary|Bloom & Botanica|Northwind Naturals',
    extras: 'third-party tested|cruelty-free|made in small batches|free from artificial colours',
    madeLabel: 'Made with',
    altDetail: ', back of the pack',
    children: [
      B('Sleep Support',
        L('Sleep Supplements', 1299, 60, TABS, 'restful sleep|falling asleep faster|a calm evening routine', 'melatonin|L-theanine|magnesium glycinate',
          'Melatonin {1|3|5} mg Tablets; Melatonin Gummies; Valerian Root Capsules; Magnesium Sleep Formula; L-Theanine 200 mg Capsules; Tart Cherry Sleep Capsules; 5-HTP 100 mg Capsules; Passionflower Extract Drops'),
        L('Sleep Aids', 2499, 200, [colour('Charcoal', 'Ivory', 'Lavender')], 'deeper sleep|a dark, quiet bedroom|a calming bedtime ritual', 'pure mulberry silk|lavender essential oil|breathable organic cotton',
          'Lavender Sleep Spray @1499/150; Chamomile Pillow Mist @1299/150; Silk Sleep Mask @2999/50; Contoured Sleep Mask @1499/80; Weighted Blanket @8999/7000; Buckwheat Pillow @4999/2500; Cooling Pillowcase /250'),
      ),
      B('Aromatherapy',
        L('Essential Oils', 899, 60, [size(['10 ml', '30 ml'], [1, 2.4])], 'relaxation|clear breathing|an uplifted mood', 'steam-distilled botanicals|organic sweet almond oil|amber glass',
          'Lavender Essential Oil; Peppermint Essential Oil; Eucalyptus Essential Oil; Tea Tree Essential Oil; Frankincense Essential Oil @1999; Sweet Orange Essential Oil; Lemongrass Essential Oil; Sleep Essential Oil Blend; Calm Roll-On Oil'),
        L('Diffusers & Candles', 2499, 500, [colour('White', 'Natural Wood', 'Charcoal')], 'a calming atmosphere|relaxation|a fresh-smelling home', 'ultrasonic mist technology|natural soy wax|cotton wicks',
          'Ultrasonic Aroma Diffuser @3999/600; Ceramic Oil Burner; Reed Diffuser; Soy Wax Candle /350; Beeswax Candle /300; Car Diffuser /100'),
      ),
      L('Stress & Mood', 1699, 80, CAPS, 'a calm, balanced mood|stress resilience|mental clarity', 'saffron extract|lemon balm|bacopa monnieri',
        "Ashwagandha Gummies; Saffron Extract Capsules; St John's Wort Capsules; GABA 750 mg Capsules; Lemon Balm Tincture; Bacopa Extract Capsules; Adaptogenic Mushroom Blend"),
    ],
  },
]

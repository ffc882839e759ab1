package bot

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/bwmarrin/discordgo"
)

// DecodeInteraction reads an interaction as Discord sends it, to the HTTP endpoint or in a
// gateway INTERACTION_CREATE, so that both modes answer the same interactions.
//
// discordgo v0.29.0 refuses a whole interaction for one part it does not know: a component
// type newer than it (a Label in a modal, anything Discord adds to a message), a null among
// components, an authorizing integration owner sent as the number 0 (Discord does that in the
// bot's DMs, discord-api-docs#6730), or a quirk in the message a button is on. When the
// interaction does not decode as it is, the parts the bot never reads (the message, resolved
// objects) are dropped, unknown components are dropped (a Label is replaced by the component
// it wraps) and owners are read as strings; then it is decoded again. What still does not
// decode (ids that are not strings, say) is refused in both modes.
func DecodeInteraction(body []byte) (*discordgo.Interaction, error) {
	var i discordgo.Interaction
	err := json.Unmarshal(body, &i)
	if err == nil {
		return &i, nil
	}
	var m map[string]json.RawMessage
	if json.Unmarshal(body, &m) != nil || m == nil {
		return nil, err
	}
	delete(m, "message")
	if raw, ok := m["authorizing_integration_owners"]; ok {
		m["authorizing_integration_owners"] = ownersAsStrings(raw)
	}
	if raw, ok := m["data"]; ok {
		var data map[string]json.RawMessage
		if json.Unmarshal(raw, &data) == nil && data != nil {
			delete(data, "resolved")
			if c, ok := data["components"]; ok {
				data["components"] = knownComponents(c)
			}
			m["data"], _ = json.Marshal(data)
		}
	}
	cleaned, _ := json.Marshal(m)
	var again discordgo.Interaction
	if err2 := json.Unmarshal(cleaned, &again); err2 != nil {
		return nil, fmt.Errorf("%w (and without the parts the bot does not read: %v)", err, err2)
	}
	return &again, nil
}

// ownersAsStrings turns {"0": 0} into {"0": "0"}; anything else is left as it is.
func ownersAsStrings(raw json.RawMessage) json.RawMessage {
	var owners map[string]any
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if dec.Decode(&owners) != nil || owners == nil {
		return raw
	}
	for k, v := range owners {
		if n, ok := v.(json.Number); ok {
			owners[k] = n.String()
		}
	}
	out, err := json.Marshal(owners)
	if err != nil {
		return raw
	}
	return out
}

// componentLabel is Discord's Label (type 18): a modal field's label around one component.
const componentLabel = 18

// knownComponents drops the components discordgo cannot decode, and nulls, from a list and
// from the lists inside it; a Label becomes an action row holding what it labels, which is
// how discordgo models a modal's text inputs.
func knownComponents(raw json.RawMessage) json.RawMessage {
	var list []json.RawMessage
	if json.Unmarshal(raw, &list) != nil {
		return json.RawMessage("[]")
	}
	out := []json.RawMessage{}
	for _, c := range list {
		var comp map[string]json.RawMessage
		if json.Unmarshal(c, &comp) != nil || comp == nil {
			continue
		}
		var typ int
		json.Unmarshal(comp["type"], &typ)
		if typ == componentLabel {
			child, ok := comp["component"]
			if !ok {
				continue
			}
			row, _ := json.Marshal(map[string]any{"type": discordgo.ActionsRowComponent, "components": []json.RawMessage{child}})
			comp = map[string]json.RawMessage{}
			json.Unmarshal(row, &comp)
			typ = int(discordgo.ActionsRowComponent)
		}
		if !knownComponent(typ) {
			continue
		}
		if inner, ok := comp["components"]; ok {
			comp["components"] = knownComponents(inner)
		}
		b, err := json.Marshal(comp)
		if err != nil {
			continue
		}
		if _, err := discordgo.MessageComponentFromJSON(b); err != nil {
			continue
		}
		out = append(out, b)
	}
	b, _ := json.Marshal(out)
	return b
}

// knownComponent reports whether discordgo v0.29.0 decodes a component type.
func knownComponent(typ int) bool {
	switch discordgo.ComponentType(typ) {
	case discordgo.ActionsRowComponent, discordgo.ButtonComponent, discordgo.SelectMenuComponent,
		discordgo.TextInputComponent, discordgo.UserSelectMenuComponent, discordgo.RoleSelectMenuComponent,
		discordgo.MentionableSelectMenuComponent, discordgo.ChannelSelectMenuComponent,
		discordgo.SectionComponent, discordgo.TextDisplayComponent, discordgo.ThumbnailComponent,
		discordgo.MediaGalleryComponent, discordgo.FileComponentType, discordgo.SeparatorComponent,
		discordgo.ContainerComponent:
		return true
	}
	return false
}

// rawInteractionID is the id of an interaction that could not be decoded, for the log: a
// string as Discord sends it, cut short, or what stands in its place.
func rawInteractionID(body []byte) string {
	var v struct {
		ID json.RawMessage `json:"id"`
	}
	if json.Unmarshal(body, &v) != nil || len(v.ID) == 0 {
		return ""
	}
	var s string
	if json.Unmarshal(v.ID, &s) == nil {
		return truncate(s, 40)
	}
	return truncate(string(v.ID), 40)
}

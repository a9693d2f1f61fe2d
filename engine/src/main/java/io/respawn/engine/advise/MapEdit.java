package io.respawn.engine.advise;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Edits the tree of a restart map's YAML, comments kept: a component gets a group of its
 * own, moves to another group, or two components move into a new group. Groups left empty
 * are removed. The result is written in one normal form ({@link #text}); compare it with
 * the {@link #text} of the unedited map, not with the file as written.
 *
 * <p>Moving a component changes the {@code defaults:} it inherits; callers check the edited
 * map resolves every component as before (see {@link Proposals}).
 */
final class MapEdit {
    private final Yaml yaml;
    private final MappingNode document;

    private MapEdit(Yaml yaml, MappingNode document) {
        this.yaml = yaml;
        this.document = document;
    }

    static MapEdit of(String mapYaml) {
        LoaderOptions load = new LoaderOptions();
        load.setProcessComments(true);
        DumperOptions dump = new DumperOptions();
        dump.setProcessComments(true);
        dump.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        dump.setIndent(2);
        dump.setIndicatorIndent(2);
        dump.setIndentWithIndicator(true);
        dump.setWidth(120);
        Yaml yaml = new Yaml(load, dump);
        return new MapEdit(yaml, (MappingNode) yaml.compose(new StringReader(mapYaml)));
    }

    /** The map in normal form. */
    String text() {
        StringWriter out = new StringWriter();
        yaml.serialize(document, out);
        return out.toString();
    }

    /** Depth augmentation: {@code component} goes into a new group {@code group} where it stood. */
    MapEdit isolate(String component, String group) {
        Place place = find(component).orElseThrow();
        place.siblings().set(place.index(), newGroup(group, new ArrayList<>(List.of(place.node()))));
        return this;
    }

    /** Node promotion: {@code component} moves to {@code group} (placed where its old branch stood). */
    MapEdit promote(String component, String group) {
        List<Node> children = children(findGroup(group).orElseThrow());
        int at = branchIndex(children, component);
        Place place = find(component).orElseThrow();
        place.siblings().remove(place.index());
        children.add(at < 0 ? children.size() : Math.min(at, children.size()), place.node());
        pruneEmpty();
        return this;
    }

    /** Group consolidation: {@code a} and {@code b} move into a new group {@code group} inside {@code parent}. */
    MapEdit consolidate(String a, String b, String group, String parent) {
        MappingNode target = findGroup(parent).orElseThrow();
        int at = branchIndex(children(target), a);
        Place pa = find(a).orElseThrow();
        pa.siblings().remove(pa.index());
        Place pb = find(b).orElseThrow();
        pb.siblings().remove(pb.index());
        List<Node> children = children(target);
        MappingNode joint = newGroup(group, new ArrayList<>(List.of(pa.node(), pb.node())));
        children.add(at < 0 || at > children.size() ? children.size() : at, joint);
        pruneEmpty();
        return this;
    }

    private record Place(List<Node> siblings, int index, MappingNode node) {
    }

    private MappingNode root() {
        return (MappingNode) value(document, "root").orElseThrow();
    }

    private Optional<Place> find(String component) {
        return find(root(), "component", component);
    }

    private Optional<MappingNode> findGroup(String group) {
        if (group.equals(scalar(root(), "group"))) {
            return Optional.of(root());
        }
        return find(root(), "group", group).map(Place::node);
    }

    private Optional<Place> find(MappingNode group, String kind, String name) {
        List<Node> children = children(group);
        for (int i = 0; i < children.size(); i++) {
            MappingNode child = (MappingNode) children.get(i);
            if (name.equals(scalar(child, kind))) {
                return Optional.of(new Place(children, i, child));
            }
            if (scalar(child, "group") != null) {
                Optional<Place> found = find(child, kind, name);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    /** The index among {@code children} of the child that is or holds {@code component}, or -1. */
    private int branchIndex(List<Node> children, String component) {
        for (int i = 0; i < children.size(); i++) {
            MappingNode child = (MappingNode) children.get(i);
            if (component.equals(scalar(child, "component"))
                    || (scalar(child, "group") != null && find(child, "component", component).isPresent())) {
                return i;
            }
        }
        return -1;
    }

    /** Removes every group left with no children, again until none is left (the root stays). */
    private void pruneEmpty() {
        while (prune(root())) {
            // one more pass: removing a group may empty its parent
        }
    }

    private boolean prune(MappingNode group) {
        List<Node> children = children(group);
        for (int i = 0; i < children.size(); i++) {
            MappingNode child = (MappingNode) children.get(i);
            if (scalar(child, "group") != null) {
                if (children(child).isEmpty()) {
                    children.remove(i);
                    return true;
                }
                if (prune(child)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static MappingNode newGroup(String name, List<Node> children) {
        List<NodeTuple> tuples = new ArrayList<>();
        tuples.add(new NodeTuple(text("group"), text(name)));
        tuples.add(new NodeTuple(text("children"),
                new SequenceNode(Tag.SEQ, children, DumperOptions.FlowStyle.BLOCK)));
        return new MappingNode(Tag.MAP, tuples, DumperOptions.FlowStyle.BLOCK);
    }

    private static ScalarNode text(String value) {
        return new ScalarNode(Tag.STR, value, null, null, DumperOptions.ScalarStyle.PLAIN);
    }

    private static List<Node> children(MappingNode group) {
        return value(group, "children").map(n -> ((SequenceNode) n).getValue()).orElse(new ArrayList<>());
    }

    private static Optional<Node> value(MappingNode mapping, String key) {
        for (NodeTuple tuple : mapping.getValue()) {
            if (tuple.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                return Optional.of(tuple.getValueNode());
            }
        }
        return Optional.empty();
    }

    private static String scalar(MappingNode mapping, String key) {
        return value(mapping, key).filter(ScalarNode.class::isInstance).map(n -> ((ScalarNode) n).getValue())
                .orElse(null);
    }
}

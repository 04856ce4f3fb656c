package io.zarts.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** Size and shape of the procedurally generated dataset. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"samples", "imageSize", "channels", "classes"})
public class SyntheticDataSpec {

  @Default("1024")
  @Min(2)
  @Max(1_000_000)
  @JsonPropertyDescription("Number of generated training images (split by trainPortion).")
  private Integer samples = 1024;

  @Default("32")
  @Min(4)
  @Max(256)
  @JsonPropertyDescription("Height and width of the generated images in pixels.")
  private Integer imageSize = 32;

  @Default("3")
  @Min(1)
  @Max(4)
  @JsonPropertyDescription("Colour channels of the generated images.")
  private Integer channels = 3;

  @Default("10")
  @Min(2)
  @Max(1000)
  @JsonPropertyDescription("Number of classes.")
  private Integer classes = 10;

  public Integer getSamples() {
    return samples;
  }

  public void setSamples(Integer samples) {
    this.samples = samples;
  }

  public Integer getImageSize() {
    return imageSize;
  }

  public void setImageSize(Integer imageSize) {
    this.imageSize = imageSize;
  }

  public Integer getChannels() {
    return channels;
  }

  public void setChannels(Integer channels) {
    this.channels = channels;
  }

  public Integer getClasses() {
    return classes;
  }

  public void setClasses(Integer classes) {
    this.classes = classes;
  }
}
